//! The baseline of the reads scenario: a server that answers each path with bytes it holds in
//! memory (the very bytes the instance answered), built like `serve` (axum on the same
//! runtime, its own process), so that the ratio shows what the instance's work costs.

use anyhow::Context;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One answer the baseline gives.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaticAnswer {
    /// The path and query it answers.
    pub target: String,
    pub content_type: String,
    pub body: String,
}

/// `bench static-server`: not for people; the reads scenario starts it.
#[derive(Clone, Debug, clap::Args)]
pub struct StaticServerArgs {
    /// Where to listen.
    #[arg(long)]
    pub listen: SocketAddr,
    /// A JSON list of the answers to give.
    #[arg(long)]
    pub answers: PathBuf,
}

type Answers = Arc<HashMap<String, (String, Bytes)>>;

async fn answer(State(answers): State<Answers>, uri: Uri) -> Response {
    let target = uri.path_and_query().map_or("/", |p| p.as_str());
    match answers.get(target) {
        Some((content_type, body)) => {
            ([(header::CONTENT_TYPE, content_type.clone())], body.clone()).into_response()
        }
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Writes `answers` where [`serve`] reads them.
pub fn write_answers(path: &Path, answers: &[StaticAnswer]) -> anyhow::Result<()> {
    std::fs::write(path, serde_json::to_vec(answers)?)
        .with_context(|| format!("writing {}", path.display()))
}

/// Serves until killed.
pub async fn serve(args: &StaticServerArgs) -> anyhow::Result<()> {
    let list: Vec<StaticAnswer> = serde_json::from_slice(
        &std::fs::read(&args.answers).with_context(|| format!("{}", args.answers.display()))?,
    )?;
    let answers: Answers = Arc::new(
        list.into_iter()
            .map(|a| (a.target, (a.content_type, Bytes::from(a.body))))
            .collect(),
    );
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let app = Router::new().fallback(answer).with_state(answers);
    axum::serve(listener, app).await?;
    Ok(())
}
