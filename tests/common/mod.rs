//! Helpers shared by the end-to-end tests: a project in a temporary folder,
//! the real `vanban` binary run on it, and ways to look into the site.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throw-away project: `site.toml`, `content/`, and `public/` once built.
pub struct Project {
    pub dir: tempfile::TempDir,
}

/// What one run of the binary did.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
    /// The line of output that mentions `needle`, or a panic listing them all.
    pub fn line_with(&self, needle: &str) -> String {
        self.all()
            .lines()
            .find(|l| l.contains(needle))
            .map(str::to_string)
            .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{}", self.all()))
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Project {
    pub fn new() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(
            dir.path().join("site.toml"),
            "title = \"Thử\"\ncontent = \"content\"\noutput = \"public\"\n",
        )
        .expect("site.toml");
        std::fs::create_dir(dir.path().join("content")).expect("content");
        Project { dir }
    }
    pub fn root(&self) -> &Path {
        self.dir.path()
    }
    pub fn content(&self) -> PathBuf {
        self.root().join("content")
    }
    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }
    /// Writes `bytes` at `content/rel`, making folders.
    pub fn add(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.content().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }
    pub fn set_config(&self, toml: &str) {
        std::fs::write(self.root().join("site.toml"), toml).expect("site.toml");
    }
    /// Runs `vanban build --config site.toml ARGS` in the project folder.
    pub fn build(&self, args: &[&str]) -> Run {
        self.command(args).output().expect("run vanban").into()
    }
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.current_dir(self.root())
            .arg("build")
            .arg("--config")
            .arg(self.root().join("site.toml"))
            .args(args);
        cmd
    }
}

/// Twelve small articles, `bai-00.txt` to `bai-11.txt`: each cites a
/// Chỉ thị (`N-CT/TW`, N = i % 5 + 1) on its first paragraph and 21-NQ/TW on
/// its second, which starts `Đoạn hai của bài`.
pub fn twelve_articles(p: &Project) {
    for i in 0..12 {
        p.add(
            &format!("bai-{i:02}.txt"),
            format!(
                "Bài số {i} về xây dựng Đảng\nĐoạn một của bài {i}, thực hiện Chỉ thị số {}-CT/TW \
                 của Ban Bí thư.\nĐoạn hai của bài {i}, nhắc Nghị quyết số 21-NQ/TW.\n",
                i % 5 + 1
            ),
        );
    }
}

/// Every file under `dir`, relative path → bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.expect("walk");
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(e.path()).expect("read"));
        }
    }
    out
}

/// The article pages (`articles/*.html`) whose text contains `needle`.
pub fn pages_with(site: &Path, needle: &str) -> Vec<String> {
    tree(&site.join("articles"))
        .into_iter()
        .filter(|(_, b)| String::from_utf8_lossy(b).contains(needle))
        .map(|(k, _)| k)
        .collect()
}

/// Whether the process runs as root, where `chmod 000` does not stop reads.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}
