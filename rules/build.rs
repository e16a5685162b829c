//! ISO 4217 from the iso_currency crate, written as two compact tables for the wasm: every
//! code in one sorted string (3 bytes each) and the minor-unit digits in the same order.
//! `Currency::from_code` is a large match in the wasm; the tables are two short strings
//! of data read by a binary search (rules/src/data/mod.rs). A test checks they agree with
//! the crate.
use std::fmt::Write;
use std::{env, fs, path::Path};

use iso_currency::{Currency, IntoEnumIterator};

fn main() {
    let mut rows: Vec<(&str, u16)> = Currency::iter().map(|c| (c.code(), c.exponent().unwrap_or(0))).collect();
    rows.sort_unstable();
    rows.dedup();
    let codes: String = rows.iter().map(|r| r.0).collect();
    let exps: String = rows.iter().map(|r| char::from_digit(u32::from(r.1), 10).expect("one digit")).collect();
    let mut out = String::new();
    writeln!(out, "/// Every ISO 4217 code, sorted, 3 bytes each.\npub const CODES: &str = {codes:?};").unwrap();
    writeln!(out, "/// The minor-unit digits of `CODES`, one ASCII digit each, in the same order.\npub const EXPONENTS: &str = {exps:?};")
        .unwrap();
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("currencies.rs"), out).unwrap();
    println!("cargo::rerun-if-changed=build.rs");
}
