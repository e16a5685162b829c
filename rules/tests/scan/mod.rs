//! The scan behind the one-definition tests: the shipped Rust sources of the workspace and
//! where a name is quoted in them. Shared by `rules/tests/one_definition.rs` and the
//! widget's `src/dts.rs` (which holds the widget's own tables), so both read alike.

use std::path::{Path, PathBuf};

pub const RULES: &str = "rules/src";
pub const WIDGET: &str = "src";
pub const BACKEND: &str = "sandbox/src";

/// The shipped sources of the three crates: tests (a `tests.rs`, whatever follows
/// `#[cfg(test)]`, `src/dts.rs`) and `//` comments left out.
pub fn sources(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in [RULES, WIDGET, BACKEND] {
        walk(&root.join(dir), &mut out);
    }
    out.retain(|(p, _)| !p.ends_with("tests.rs") && !p.ends_with("src/dts.rs"));
    for (_, text) in &mut out {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        *text = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    }
    out.into_iter().map(|(p, t)| (p.strip_prefix(root).unwrap().to_path_buf(), t)).collect()
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((path.clone(), std::fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The files (under `dirs`) where `"name"` is written, one entry per occurrence.
pub fn quoted(sources: &[(PathBuf, String)], dirs: &[&str], name: &str) -> Vec<String> {
    let needle = format!("\"{name}\"");
    let mut at = Vec::new();
    for (path, text) in sources.iter().filter(|(p, _)| dirs.iter().any(|d| p.starts_with(d))) {
        at.extend(std::iter::repeat_n(path.display().to_string(), text.matches(&needle).count()));
    }
    at
}
