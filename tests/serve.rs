//! `vanban serve` in a temporary copy of a project: it serves the site,
//! rebuilds when a seed changes, and keeps serving the last good site (with
//! the error shown) when a template breaks.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// Kills the server however the test ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GET `path`: (status, body), or `None` if the server does not answer.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    // Tera writes `/` in text as `&#x2F;`; read it back as the browser does.
    let body = text.split_once("\r\n\r\n")?.1.replace("&#x2F;", "/");
    Some((status, body))
}

/// Polls `check` every 100 ms, at most `tries` times.
fn wait_for(tries: usize, mut check: impl FnMut() -> bool) -> bool {
    for _ in 0..tries {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn serve_rebuilds_and_keeps_the_last_good_site() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    copy_dir(&root.join("seeds"), &project.join("seeds"));
    copy_dir(&root.join("templates"), &project.join("templates"));
    std::fs::write(
        project.join("site.toml"),
        "title = \"Thử phục vụ\"\ncontent = \"seeds\"\noutput = \"public\"\n",
    )
    .unwrap();
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("serve")
        .arg("--port")
        .arg(port.to_string())
        .arg("--config")
        .arg(project.join("site.toml"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);

    // Up, serving the built site with the reload script added.
    assert!(
        wait_for(600, || get(port, "/index.html")
            .is_some_and(|(s, _)| s == 200)),
        "the server did not come up"
    );
    let (_, home) = get(port, "/").unwrap();
    assert!(home.contains("Thử phục vụ"), "{home}");
    assert!(home.contains("/__vanban/version"));
    let (_, v1) = get(port, "/__vanban/version").unwrap();
    // …and never into the files written.
    let written = std::fs::read_to_string(project.join("public/index.html")).unwrap();
    assert!(written.contains("Thử phục vụ") && !written.contains("__vanban"));

    // A new seed: rebuilt, listed.
    std::fs::write(
        project.join("seeds/900_moi.md"),
        "+++\ntitle = \"Bài mới về Chỉ thị số 05-CT/TW\"\n+++\nNội dung bài mới.\n",
    )
    .unwrap();
    assert!(
        wait_for(600, || get(port, "/articles.html").is_some_and(
            |(_, b)| b.contains("Bài mới về Chỉ thị số 05-CT/TW")
        )),
        "no rebuild after a seed was added"
    );
    let (_, v2) = get(port, "/__vanban/version").unwrap();
    assert_ne!(v1, v2);

    // A broken template: the version moves (so pages reload), the last good
    // site is still served, with the error on top.
    std::fs::write(
        project.join("templates/index.html"),
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}",
    )
    .unwrap();
    assert!(
        wait_for(600, || get(port, "/__vanban/version")
            .is_some_and(|(_, v)| v != v2)),
        "no rebuild after the template broke"
    );
    let (status, home) = get(port, "/index.html").unwrap();
    assert_eq!(status, 200);
    assert!(home.contains("vanban-build-error"), "{home}");
    assert!(home.contains("index.html"), "the error names the template");
    assert!(home.contains("Thử phục vụ"));
    let (_, list) = get(port, "/articles.html").unwrap();
    assert!(list.contains("Bài mới về Chỉ thị số 05-CT/TW"));
    // The site on disk is the last good one too.
    let written = std::fs::read_to_string(project.join("public/articles.html"))
        .unwrap()
        .replace("&#x2F;", "/");
    assert!(written.contains("Bài mới về Chỉ thị số 05-CT/TW"));

    // Mended: the error goes away.
    std::fs::copy(
        root.join("templates/index.html"),
        project.join("templates/index.html"),
    )
    .unwrap();
    assert!(
        wait_for(600, || get(port, "/index.html")
            .is_some_and(|(_, b)| !b.contains("vanban-build-error"))),
        "the error stayed after the template was mended"
    );
    assert_eq!(get(port, "/nowhere.html").map(|(s, _)| s), Some(404));
}
