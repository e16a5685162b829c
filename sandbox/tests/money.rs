//! One charge per order, whatever browsers do: many concurrent pays of one order over
//! real loopback HTTP, with distinct keys (tabs, reloads, retries) and with one key (a
//! double click), in one sandbox process, in two processes on one SQLite file, and in
//! three merchant-backend processes on one PostgreSQL database.

mod common;

use common::process::{spawn, spawn_backend};
use common::*;
use serde_json::Value;
use tokio::task::JoinSet;

const ORDERS: usize = 50;
const DISTINCT: usize = 8;
const SAME_KEY: usize = 8;

/// Fires 8 pays with distinct keys and 8 with one key at one order, all at once, spread
/// over `bases` in turn; returns each answer with its key.
async fn storm(bases: &[String], order_id: &str, gateway: &str) -> Vec<(String, u16, Value)> {
    let body = payer(order_id, good_card(gateway), ("01", "2038"));
    let mut set = JoinSet::new();
    let shared = format!("{order_id}-same");
    let keys = (0..DISTINCT).map(|i| format!("{order_id}-k{i}")).chain((0..SAME_KEY).map(|_| shared.clone()));
    for (i, key) in keys.enumerate() {
        let (base, body) = (bases[i % bases.len()].clone(), body.clone());
        set.spawn(async move {
            let (code, v) = pay(&base, &key, &body).await;
            (key, code, v)
        });
    }
    set.join_all().await
}

/// Every answer is a final success or a not-final answer; one key never answers two
/// different final answers.
fn check_answers(order_id: &str, answers: &[(String, u16, Value)]) {
    let mut finals: std::collections::BTreeMap<&str, &Value> = Default::default();
    for (key, code, v) in answers {
        assert!(is_success(v) || is_not_final(*code, v), "{order_id} {key}: {code} {v}");
        if is_success(v) {
            if let Some(prev) = finals.insert(key, v) {
                assert_eq!(prev["trans_id"].as_str().or(prev["uid"].as_str()), v["trans_id"].as_str().or(v["uid"].as_str()), "{key}");
            }
        }
    }
    assert!(finals.len() <= 1, "{order_id}: two keys got a final success: {finals:?}");
}

async fn run(bases: Vec<String>, data: &std::path::Path) {
    let gateways = ["platform", "paycross"];
    let mut ids = Vec::new();
    for i in 0..ORDERS {
        ids.push((order(&bases[0], gateways[i % 2]).await, gateways[i % 2]));
    }
    // ten orders at a time: 160 requests in flight
    for chunk in ids.chunks(10) {
        let mut set = JoinSet::new();
        for (id, gateway) in chunk.iter().cloned() {
            let bases = bases.clone();
            set.spawn(async move {
                let answers = storm(&bases, &id, gateway).await;
                (id, answers)
            });
        }
        for (id, answers) in set.join_all().await {
            check_answers(&id, &answers);
        }
    }
    for (id, _) in &ids {
        assert_eq!(charges(data, id), 1, "order {id}: {:?}", gateway_rows(data, id));
        assert_eq!(status(&bases[0], id).await["status"], "SETTLED", "{id}");
        // and once paid, a new key pays nothing: not final, pointing at the status
        let (code, v) = pay(&bases[1 % bases.len()], &format!("{id}-late"), &payer(id, "4111111111111111", ("01", "2038"))).await;
        assert!(is_not_final(code, &v) && code == 409, "{code} {v}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_orders_each_hit_by_sixteen_concurrent_pays_are_charged_once() {
    let s = start("storm", Setup::default()).await;
    run(vec![s.base.clone()], &s.data).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_on_one_data_file_still_charge_each_order_once() {
    let data = temp_db("two-processes");
    let (a, b) = (spawn(&data, &[]).await, spawn(&data, &[]).await);
    run(vec![a.base.clone(), b.base.clone()], &data).await;
    drop((a.child, b.child));
}

/// Three `merchant-backend` processes share one PostgreSQL database behind a round-robin
/// balancer (the gateway's callbacks and the payers' return go through it); the pays are
/// spread over the three in turn, and the sandbox's emulator is their one gateway.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs PostgreSQL: scripts/test.sh runs it on a server of its own (scripts/postgres.sh)"]
async fn three_backend_processes_on_one_postgres_still_charge_each_order_once() {
    let url = postgres::fresh_database("three-processes").await;
    let gateway_data = temp_db("three-processes-gateway");
    let (balancer, public) = listener().await;
    let gateway = spawn(&gateway_data, &["--callback-url", &format!("{public}/api/callback")]).await;
    let mut backends = Vec::new();
    for _ in 0..3 {
        backends.push(spawn_backend(&url, &gateway.base, &public).await);
    }
    let bases: Vec<String> = backends.iter().map(|b| b.base.clone()).collect();
    balancer::balance(balancer, bases.iter().map(|b| b.trim_start_matches("http://").to_string()).collect());
    run(bases, &gateway_data).await;
}

#[tokio::test]
async fn a_key_is_bound_to_its_order_and_its_request() {
    let s = start("key-binding", Setup::default()).await;
    let (a, b) = (order(&s.base, "platform").await, order(&s.base, "platform").await);
    let (code, first) = pay(&s.base, "k", &payer(&a, "4111111111111111", ("02", "2038"))).await;
    assert_eq!((code, first["result"].as_str()), (200, Some("DECLINED")));
    // the same key with another card (another body) or for another order: refused
    for other in [payer(&a, "4111111111111111", ("01", "2038")), payer(&b, "4111111111111111", ("02", "2038"))] {
        let (code, v) = pay(&s.base, "k", &other).await;
        assert_eq!(code, 422, "{v}");
        assert!(v["error"].as_str().unwrap().contains("another request"), "{v}");
    }
    // the same key with the same body: the stored answer, replayed
    let (code, again) = pay(&s.base, "k", &payer(&a, "4111111111111111", ("02", "2038"))).await;
    assert_eq!((code, &again), (200, &first));
    assert_eq!(charges(&s.data, &a) + charges(&s.data, &b), 0);
    assert_eq!(gateway_rows(&s.data, &a).len(), 1, "one SALE was sent");
}
