//! Real-browser checks of search and navigation, over file:// and over
//! http from `vanban serve`. They drive Debian's Chromium through npm's
//! playwright-core (`tests/browser/check.js`), so they are `#[ignore]`d in a
//! plain `cargo test`; `scripts/ci/search.sh` installs both and CI runs
//! them with `cargo test -- --ignored`.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs check.js against `base` (and, for `vanban serve`, its content
/// folder, to see the page reload), failing with its output.
fn check(base: &str, live_seeds: Option<&Path>) {
    let dir = root().join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir(),
        "playwright-core is missing: run scripts/ci/search.sh (or npm install in tests/browser)"
    );
    let out = Command::new("node")
        .arg(dir.join("check.js"))
        .arg(base)
        .args(live_seeds)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "browser checks failed for {base}:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

/// A copy of the project's seeds with a site.toml, in a temporary folder.
fn project() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("seeds"), &dir.path().join("seeds"));
    let config = dir.path().join("site.toml");
    std::fs::write(&config, "content = \"seeds\"\noutput = \"public\"\n").unwrap();
    (dir, config)
}

#[test]
#[ignore = "needs Chromium and playwright-core (scripts/ci/search.sh)"]
fn search_and_links_work_over_file_urls() {
    let (dir, config) = project();
    let status = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("--config")
        .arg(&config)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let public = dir.path().join("public").canonicalize().unwrap();
    check(&format!("file://{}/", public.display()), None);
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
#[ignore = "needs Chromium and playwright-core (scripts/ci/search.sh)"]
fn search_and_links_work_over_http_from_serve() {
    let (dir, config) = project();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_vanban"))
            .arg("serve")
            .arg("--port")
            .arg(port.to_string())
            .arg("--config")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut up = false;
    for _ in 0..600 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            up = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(up, "vanban serve did not come up");
    check(
        &format!("http://127.0.0.1:{port}/"),
        Some(&dir.path().join("seeds")),
    );
}
