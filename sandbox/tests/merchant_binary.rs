//! `merchant-backend`, the backend a merchant deploys: every option in `--help`, no
//! built-in secret (a missing one stops it, naming the option), health checks, and it
//! pays against a gateway it is pointed at (here the sandbox's emulator).

mod common;

use std::process::Command;

use common::process::spawn;
use common::*;

const BIN: &str = env!("CARGO_BIN_EXE_merchant-backend");

/// Every option of the one declaration (`sandbox::config::Args`) but the emulator's own.
#[test]
fn help_lists_every_option_and_exits_zero() {
    use clap::CommandFactory;
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let command = sandbox::config::Args::command();
    let options: Vec<_> = command.get_arguments().filter_map(|a| Some((a.get_id().as_str(), a.get_long()?))).collect();
    assert!(options.len() >= 20, "{options:?}");
    for (id, long) in options {
        let shown = help.contains(&format!("--{long} "));
        assert_eq!(shown, !sandbox::config::SANDBOX_ONLY.contains(&id), "--{long} in --help:\n{help}");
    }
    assert!(help.contains("--database-url") && help.contains("[env: DATABASE_URL"), "{help}");
}

/// A merchant configures the backend with `CHECKOUT_*` variables (and `DATABASE_URL`);
/// `SANDBOX_*` ones are the emulator's alone.
#[test]
fn the_backends_variables_are_checkout_and_the_emulators_sandbox() {
    use clap::CommandFactory;
    for arg in sandbox::config::Args::command().get_arguments() {
        let Some(env) = arg.get_env().and_then(|e| e.to_str()) else { continue };
        let emulator = sandbox::config::SANDBOX_ONLY.contains(&arg.get_id().as_str());
        let ok = if emulator { env.starts_with("SANDBOX_") } else { env.starts_with("CHECKOUT_") || env == "DATABASE_URL" };
        assert!(ok, "--{}: {env}", arg.get_id());
    }
}

#[test]
fn a_missing_secret_stops_it_naming_the_option() {
    let base =
        ["--gateway-url", "http://127.0.0.1:9", "--merchant-token", "t", "--binding-secret", "b", "--client-key", "k", "--password", "p"];
    for (drop, named) in [
        ("--merchant-token", "--merchant-token (or CHECKOUT_MERCHANT_TOKEN)"),
        ("--binding-secret", "--binding-secret (or CHECKOUT_BINDING_SECRET)"),
        ("--password", "--password (or CHECKOUT_PASSWORD)"),
        ("--gateway-url", "--gateway-url (or CHECKOUT_GATEWAY_URL)"),
    ] {
        let mut args: Vec<&str> = Vec::new();
        let mut it = base.iter();
        while let (Some(k), Some(v)) = (it.next(), it.next()) {
            if *k != drop {
                args.extend([*k, *v]);
            }
        }
        let out = Command::new(BIN).args(&args).env_clear().output().unwrap();
        assert_eq!(out.status.code(), Some(2), "without {drop}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(named), "without {drop}: {err}");
    }
}

#[tokio::test]
async fn it_pays_against_the_gateway_it_is_pointed_at_and_answers_health_checks() {
    let gateway = spawn(&temp_db("mb-gateway"), &[]).await;
    let data = temp_db("mb-backend");
    let mut child = tokio::process::Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .args(["--gateway-url", &gateway.base, "--client-key", "sandbox-key", "--password", "13a4822c5907ed235f3a068c76184fc3"])
        .args(["--binding-secret", "a-merchant-secret", "--merchant-token", "a-merchant-token"])
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    use tokio::io::AsyncBufReadExt;
    let mut lines = tokio::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next_line().await.unwrap().unwrap();
    let base = first.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    for (path, want) in [("/healthz", "ok"), ("/readyz", "ready")] {
        let r = client().get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!((r.status().as_u16(), r.text().await.unwrap()), (200, want.to_string()), "{path}");
    }
    let r = client().get(format!("{base}/")).send().await.unwrap();
    assert_eq!(r.status(), 404, "no demo pages");
    let r = client().post(format!("{base}/gateway/post")).form(&[("action", "SALE")]).send().await.unwrap();
    assert_eq!(r.status(), 404, "no emulator");
    let id = order(&base, "platform").await;
    let (code, v) = pay(&base, "k", &payer(&id, "4111111111111111", ("01", "2038"))).await;
    assert!(code == 200 && is_success(&v), "{code} {v}");
    assert_eq!(status(&base, &id).await["status"], "SETTLED");
}
