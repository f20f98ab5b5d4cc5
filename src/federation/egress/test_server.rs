//! Test remotes on 127.0.0.1: a scripted HTTP/1.1 server written on raw TCP, so a test controls
//! every byte (lying lengths, endless or trickling bodies, missing headers), and a sentinel that
//! proves nothing connected to it.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A listener that must never be reached. It records the peer of every accepted connection.
pub struct Sentinel {
    addr: SocketAddr,
    accepted: mpsc::UnboundedReceiver<SocketAddr>,
}

impl Sentinel {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind sentinel");
        let addr = listener.local_addr().expect("sentinel address");
        let (sender, accepted) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Ok((_stream, peer)) = listener.accept().await {
                if sender.send(peer).is_err() {
                    break;
                }
            }
        });
        Self { addr, accepted }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Connects once itself and checks that this probe is the first connection ever accepted.
    /// Accepts are in order, so no sleep is needed to be sure nothing came earlier.
    pub async fn assert_untouched(mut self) {
        let probe = TcpStream::connect(self.addr).await.expect("probe sentinel");
        let probe_addr = probe.local_addr().expect("probe address");
        let first = self.accepted.recv().await.expect("sentinel is running");
        assert_eq!(first, probe_addr, "something connected to the sentinel");
    }
}

/// One request as the scripted server saw it.
#[derive(Clone, Debug)]
pub struct Received {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name));
        found.map(|(_, value)| value.as_str())
    }

    /// `http://` plus the Host header, to build ids on the server's own origin.
    pub fn origin(&self) -> String {
        format!("http://{}", self.header("host").unwrap_or_default())
    }
}

/// What the scripted server answers.
pub enum Reply {
    /// A complete response with a correct Content-Length.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Declares `length` bytes and sends zeros until done or the client leaves.
    Declared { length: usize },
    /// No length, body ends at close: `length` bytes of spaces.
    UntilClose { length: usize },
    /// Chunked encoding that never ends.
    Endless,
    /// Declares 1000 bytes and sends one per `every`.
    Trickle { every: Duration },
}

impl Reply {
    pub fn json(content_type: Option<&str>, body: &serde_json::Value) -> Self {
        let headers = content_type.map(|t| ("Content-Type".to_owned(), t.to_owned()));
        Reply::Full {
            status: 200,
            headers: headers.into_iter().collect(),
            body: body.to_string().into_bytes(),
        }
    }

    pub fn activity(body: &serde_json::Value) -> Self {
        Self::json(Some("application/activity+json"), body)
    }

    pub fn redirect(status: u16, location: &str) -> Self {
        Reply::Full {
            status,
            headers: vec![("Location".to_owned(), location.to_owned())],
            body: Vec::new(),
        }
    }

    pub fn status(status: u16) -> Self {
        Reply::Full {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }
}

type Handler = dyn Fn(&Received) -> Reply + Send + Sync;

/// A scripted HTTP/1.1 server on 127.0.0.1 that closes every connection after one response.
pub struct TestServer {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    connections: Arc<AtomicUsize>,
}

impl TestServer {
    pub async fn start(handler: impl Fn(&Received) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind server");
        let addr = listener.local_addr().expect("server address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (log, count) = (Arc::clone(&received), Arc::clone(&connections));
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                let (handler, log) = (Arc::clone(&handler), Arc::clone(&log));
                tokio::spawn(serve(stream, handler, log));
            }
        });
        Self {
            addr,
            received,
            connections,
        }
    }

    /// The paths requested so far, in order.
    pub fn paths(&self) -> Vec<String> {
        self.requests().into_iter().map(|r| r.path).collect()
    }

    pub fn requests(&self) -> Vec<Received> {
        self.received.lock().expect("log lock").clone()
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Received>>>) {
    let Some(request) = read_head(&mut stream).await else {
        return;
    };
    log.lock().expect("log lock").push(request.clone());
    // Write errors mean the client hung up, which several tests expect.
    let _ = write_reply(&mut stream, handler(&request)).await;
}

async fn read_head(stream: &mut TcpStream) -> Option<Received> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let read = stream.read(&mut buffer).await.ok()?;
        if read == 0 || head.len() > 64 * 1024 {
            return None;
        }
        head.extend_from_slice(&buffer[..read]);
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines.next()?.split(' ').nth(1)?.to_owned();
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    Some(Received { path, headers })
}

async fn write_reply(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            stream.write_all(close_head(head).as_bytes()).await?;
            stream.write_all(&body).await?;
        }
        Reply::Declared { length } => {
            let head = activity_head(&format!("Content-Length: {length}\r\n"));
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < length {
                let n = chunk.len().min(length - sent);
                stream.write_all(&chunk[..n]).await?;
                sent += n;
            }
        }
        Reply::UntilClose { length } => {
            stream.write_all(activity_head("").as_bytes()).await?;
            stream.write_all(&vec![b' '; length]).await?;
        }
        Reply::Endless => {
            let head = activity_head("Transfer-Encoding: chunked\r\n");
            stream.write_all(head.as_bytes()).await?;
            let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
            loop {
                stream.write_all(chunk.as_bytes()).await?;
            }
        }
        Reply::Trickle { every } => {
            let head = activity_head("Content-Length: 1000\r\n");
            stream.write_all(head.as_bytes()).await?;
            for _ in 0..1000 {
                stream.write_all(b" ").await?;
                stream.flush().await?;
                tokio::time::sleep(every).await;
            }
        }
    }
    stream.shutdown().await
}

fn activity_head(extra: &str) -> String {
    close_head(format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/activity+json\r\n{extra}"
    ))
}

fn close_head(mut head: String) -> String {
    head.push_str("Connection: close\r\n\r\n");
    head
}

/// The sentinel must notice a connection, or the zero-egress tests prove nothing.
#[tokio::test]
#[should_panic(expected = "something connected")]
async fn sentinel_detects_a_connection() {
    let sentinel = Sentinel::start().await;
    let _stream = TcpStream::connect(("127.0.0.1", sentinel.port()))
        .await
        .expect("connect to sentinel");
    sentinel.assert_untouched().await;
}
