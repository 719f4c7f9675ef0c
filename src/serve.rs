//! `vanban serve`: a live preview on 127.0.0.1.
//!
//! The site is kept in memory as the last good build's pages and served from
//! there, so a build that fails (a template error, a bad `site.toml`) leaves
//! the previous site in place; the error is printed and shown on top of every
//! page. A watcher polls the modification times of the files the site is made
//! from and rebuilds when they change. Every HTML response gets a small
//! script that asks `/__vanban/version` whether a newer build exists and
//! reloads the page if so. That script is added when serving, never written
//! into the built files.
//!
//! This module knows nothing of how a site is built: the caller passes a
//! function that builds and returns the pages, or an error message.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::render::Page;

/// Where the injected script asks for the current build's number.
pub const VERSION_PATH: &str = "/__vanban/version";

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on 127.0.0.1:{port}: {message}")]
    Listen { port: u16, message: String },
}

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    pub port: u16,
    /// Files and folders whose changes trigger a rebuild.
    pub watch: Vec<PathBuf>,
    /// A folder inside them not to watch: the output, whose every build
    /// would otherwise trigger the next.
    pub ignore: Option<PathBuf>,
    /// How often the watched files are looked at.
    pub poll: Duration,
}

/// What is being served: the last good pages, and the last build's error.
#[derive(Default)]
struct State {
    pages: HashMap<String, Arc<Vec<u8>>>,
    /// Changes after every build, good or bad; the page reloads on a change.
    version: u64,
    error: Option<String>,
}

impl State {
    fn apply(&mut self, result: Result<Vec<Page>, String>) {
        self.version += 1;
        match result {
            Ok(pages) => {
                self.pages = pages
                    .into_iter()
                    .map(|p| (p.path, Arc::new(p.bytes)))
                    .collect();
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
    }
}

/// Builds, serves and rebuilds until the process is stopped.
pub fn run<F>(options: Options, mut build: F) -> Result<(), ServeError>
where
    F: FnMut() -> Result<Vec<Page>, String> + Send + 'static,
{
    let server =
        tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| ServeError::Listen {
            port: options.port,
            message: e.to_string(),
        })?;
    let state = Arc::new(RwLock::new(State::default()));
    let mut seen = fingerprint(&options.watch, options.ignore.as_deref());
    let first = build();
    report(&first);
    if let Ok(mut s) = state.write() {
        s.apply(first);
    }
    println!(
        "Serving http://127.0.0.1:{}/ ; rebuilding when {} change. Stop with Ctrl-C.",
        options.port,
        options
            .watch
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );

    let watched = Arc::clone(&state);
    std::thread::spawn(move || loop {
        std::thread::sleep(options.poll);
        let now = fingerprint(&options.watch, options.ignore.as_deref());
        if now == seen {
            continue;
        }
        seen = now;
        println!("Change seen; rebuilding.");
        let result = build();
        report(&result);
        if let Ok(mut s) = watched.write() {
            s.apply(result);
        }
    });

    for request in server.incoming_requests() {
        let response = match state.read() {
            Ok(s) => respond(&s, request.url()),
            Err(_) => Reply::text(500, "internal error".into()),
        };
        let mut r = tiny_http::Response::from_data(response.body).with_status_code(response.status);
        for (name, value) in [
            ("Content-Type", response.content_type),
            ("Cache-Control", "no-store"),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                r.add_header(h);
            }
        }
        // A client that went away is not the server's problem.
        let _ = request.respond(r);
    }
    Ok(())
}

fn report(result: &Result<Vec<Page>, String>) {
    if let Err(e) = result {
        eprintln!("error: {e}");
        eprintln!("Still serving the last good site.");
    }
}

struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Reply {
    fn text(status: u16, body: String) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.into_bytes(),
        }
    }
}

/// The answer to one request for `url` (path and query, as sent).
fn respond(state: &State, url: &str) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == VERSION_PATH {
        return Reply::text(200, state.version.to_string());
    }
    let Some(mut rel) = decode(path.trim_start_matches('/')) else {
        return Reply::text(400, "bad path".into());
    };
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    if rel.split('/').any(|part| part == ".." || part == ".") {
        return Reply::text(400, "bad path".into());
    }
    let (status, rel, bytes) = match state.pages.get(&rel) {
        Some(b) => (200, rel, Some(b)),
        None => {
            let dir = format!("{rel}/index.html");
            match state.pages.get(&dir) {
                Some(b) => (200, dir, Some(b)),
                None => (404, "404.html".to_string(), state.pages.get("404.html")),
            }
        }
    };
    let content_type = content_type(&rel);
    let body = match bytes {
        Some(b) if content_type.starts_with("text/html") => {
            inject(&String::from_utf8_lossy(b), state).into_bytes()
        }
        Some(b) => b.to_vec(),
        None => inject(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>vanban</title></head>\
             <body><p>Not found.</p></body></html>",
            state,
        )
        .into_bytes(),
    };
    Reply {
        status,
        content_type: if bytes.is_none() {
            "text/html; charset=utf-8"
        } else {
            content_type
        },
        body,
    }
}

/// Percent-decoding of a URL path; `None` if it is not UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// The page with the reload script before `</body>` and, after a failed
/// build, the error on top.
fn inject(html: &str, state: &State) -> String {
    let script = format!(
        "<script>/* vanban serve: reloads when the site is rebuilt (never in built files). */\n\
         (function () {{ var v = \"{}\"; function poll() {{ var x = new XMLHttpRequest();\n\
         x.open(\"GET\", \"{VERSION_PATH}\"); x.onload = function () {{\n\
         if (x.status === 200 && x.responseText !== v) {{ location.reload(); }} else {{ setTimeout(poll, 700); }} }};\n\
         x.onerror = function () {{ setTimeout(poll, 2000); }}; x.send(); }} setTimeout(poll, 700); }})();</script>\n",
        state.version
    );
    let banner = state.error.as_ref().map(|e| {
        format!(
            "<div id=\"vanban-build-error\" role=\"alert\" style=\"background:#fff0f0;color:#600;\
             border:2px solid #c00;padding:1rem;margin:0;font:14px/1.4 monospace;white-space:pre-wrap\">\
             <strong>vanban: the last build failed; this is the last good site.</strong>\n{}</div>",
            escape_html(e)
        )
    });
    let mut out = html.to_string();
    if let Some(b) = banner {
        let at = out
            .find("<body")
            .and_then(|i| out[i..].find('>').map(|j| i + j + 1))
            .unwrap_or(0);
        out.insert_str(at, &b);
    }
    match out.rfind("</body>") {
        Some(i) => out.insert_str(i, &script),
        None => out.push_str(&script),
    }
    out
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A summary of the watched files' paths, sizes and modification times:
/// it changes when a file is added, removed or written.
pub fn fingerprint(paths: &[PathBuf], ignore: Option<&Path>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for root in paths {
        for entry in walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| ignore.is_none_or(|i| !e.path().starts_with(i)))
            .filter_map(Result::ok)
        {
            let path: &Path = entry.path();
            path.hash(&mut h);
            if let Ok(m) = entry.metadata() {
                m.len().hash(&mut h);
                if let Ok(t) = m.modified() {
                    t.hash(&mut h);
                }
            }
        }
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        let mut s = State::default();
        s.apply(Ok(vec![
            Page {
                path: "index.html".into(),
                bytes: b"<html><body><p>home</p></body></html>".to_vec(),
            },
            Page {
                path: "static/style.css".into(),
                bytes: b"p{}".to_vec(),
            },
        ]));
        s
    }

    #[test]
    fn html_gets_the_reload_script_other_files_do_not() {
        let s = state();
        let r = respond(&s, "/?q=x");
        assert_eq!(r.status, 200);
        let body = String::from_utf8(r.body).unwrap();
        assert!(body.contains(VERSION_PATH) && body.contains("<p>home</p>"));
        let css = respond(&s, "/static/style.css");
        assert_eq!(css.body, b"p{}");
        assert_eq!(respond(&s, "/missing.html").status, 404);
        assert_eq!(respond(&s, "/../etc/passwd").status, 400);
    }

    #[test]
    fn a_failed_build_keeps_the_pages_and_shows_the_error() {
        let mut s = state();
        s.apply(Err("template <index.html>: oops".into()));
        let body = String::from_utf8(respond(&s, "/index.html").body).unwrap();
        assert!(body.contains("<p>home</p>"));
        assert!(body.contains("template &lt;index.html&gt;: oops"));
        assert_eq!(
            String::from_utf8(respond(&s, VERSION_PATH).body).unwrap(),
            "2"
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(decode("a%20b").as_deref(), Some("a b"));
        assert_eq!(decode("a%2").as_deref(), Some("a%2"));
        assert_eq!(decode("%").as_deref(), Some("%"));
    }
}
