//! The SVG chart of a run: one bar per figure that has a target, drawn as a share of its
//! target (the line at 100% is the target; past it is better, whichever way "better" goes), with
//! the figure and the target written beside it. A few rectangles and labels: no plotting
//! library is worth its weight for that.

use std::fmt::Write as _;

/// Which way a figure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
}

/// One figure and its target.
#[derive(Clone, Debug)]
pub struct Figure {
    pub label: String,
    pub value: f64,
    pub target: f64,
    pub better: Better,
    pub unit: &'static str,
}

impl Figure {
    /// How far the figure is towards its target: 1.0 meets it, more beats it.
    pub fn score(&self) -> f64 {
        match self.better {
            Better::Higher => self.value / self.target.max(f64::EPSILON),
            Better::Lower => self.target / self.value.max(f64::EPSILON),
        }
    }

    pub fn met(&self) -> bool {
        self.score() >= 1.0
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The chart of `figures`, titled `title`.
pub fn svg(title: &str, figures: &[Figure]) -> String {
    const ROW: f64 = 28.0;
    const LEFT: f64 = 330.0;
    const WIDTH: f64 = 360.0;
    // Bars are drawn up to twice the target.
    let scale = WIDTH / 2.0;
    let height = 60.0 + ROW * figures.len() as f64 + 20.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="960" height="{height}" font-family="sans-serif" font-size="13">"#
    );
    let _ = write!(
        out,
        r##"<rect width="100%" height="100%" fill="#fff"/><text x="10" y="24" font-size="16" font-weight="bold">{}</text>"##,
        escape(title)
    );
    let target_x = LEFT + scale;
    let _ = write!(
        out,
        r##"<line x1="{target_x}" y1="36" x2="{target_x}" y2="{}" stroke="#333" stroke-dasharray="4 3"/><text x="{target_x}" y="48" text-anchor="middle" fill="#333">target</text>"##,
        height - 10.0
    );
    for (n, figure) in figures.iter().enumerate() {
        let y = 60.0 + ROW * n as f64;
        let width = (figure.score().clamp(0.0, 2.0) * scale).max(1.0);
        let colour = if figure.met() { "#2e7d32" } else { "#c62828" };
        let comparison = match figure.better {
            Better::Higher => "≥",
            Better::Lower => "≤",
        };
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{LEFT}" y="{y}" width="{width:.1}" height="{}" fill="{colour}"/><text x="{}" y="{}">{} {} (target {comparison} {} {})</text>"##,
            LEFT - 8.0,
            y + 14.0,
            escape(&figure.label),
            ROW - 8.0,
            LEFT + WIDTH + 8.0,
            y + 14.0,
            number(figure.value),
            figure.unit,
            number(figure.target),
            figure.unit,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// A figure with as many decimals as it needs.
pub fn number(value: f64) -> String {
    if value.abs() >= 100.0 {
        format!("{value:.0}")
    } else if value.abs() >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_shares_of_their_targets_whichever_way_is_better() {
        let faster = Figure {
            label: "inbox".to_owned(),
            value: 12_000.0,
            target: 10_000.0,
            better: Better::Higher,
            unit: "/s",
        };
        let slower = Figure {
            label: "fan-out <10k>".to_owned(),
            value: 16.0,
            target: 8.0,
            better: Better::Lower,
            unit: "s",
        };
        assert!(faster.met() && !slower.met());
        assert!((slower.score() - 0.5).abs() < 1e-9);
        let svg = svg("Run", &[faster, slower]);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert!(svg.contains("fan-out &lt;10k&gt;"), "labels are escaped");
        assert!(svg.contains("12000 /s (target ≥ 10000 /s)"));
        assert!(
            svg.contains(r##"width="90.0" height="20" fill="#c62828""##),
            "half the target"
        );
    }
}
