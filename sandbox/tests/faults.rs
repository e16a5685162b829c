//! Faults between the merchant backend and the gateway, injected by a loopback proxy of
//! this test's own: the connection drops after the gateway charged, the answer comes
//! after the backend's timeout, the gateway answers 500 after charging, or the request
//! never reaches the gateway. Whatever happens: no order charged twice, no paid order left
//! unpaid once the gateway settled it, and the browser's answer is not final until the
//! outcome is known.

mod common;

use std::time::Duration;

use common::proxy::*;
use common::*;
use sandbox::Dialect;

async fn setup(name: &str, dialect: Dialect) -> (Server, std::sync::Arc<std::sync::Mutex<Fault>>) {
    behind_proxy(name, dialect, Setup::default()).await
}

/// The SALE went through at the gateway, the backend did not see how it ended.
async fn charged_unseen(fault_kind: Fault, gateway: &str) {
    let dialect = Dialect::parse(gateway).unwrap();
    let (s, fault) = setup(&format!("fault-{fault_kind:?}-{gateway}"), dialect).await;
    let id = order(&s.base, gateway).await;
    let body = payer(&id, good_card(gateway), ("01", "2038"));
    set(&fault, fault_kind);
    let (code, v) = pay(&s.base, "k1", &body).await;
    let want = if fault_kind == Fault::DelayAfterForward { 504 } else { 502 };
    assert!(is_not_final(code, &v) && code == want, "{fault_kind:?} {gateway}: the first answer is not final: {code} {v}");
    assert_eq!(charges(&s.data, &id), 1);

    // the gateway cannot be asked either: everything stays not final
    set(&fault, Fault::DropAll);
    let (code, v) = pay(&s.base, "k2", &body).await;
    assert!(is_not_final(code, &v), "a second tab while the outcome is unknown: {code} {v}");
    assert_eq!(status(&s.base, &id).await["status"], "PROCESSING");

    // the gateway answers again: the order is found paid, nothing is charged twice
    set(&fault, Fault::Pass);
    let (code, v) = pay(&s.base, "k3", &body).await;
    assert_eq!(
        (code, v["result"].as_str().or(v["status"].as_str())),
        (409, Some(if gateway == "paycross" { "pending" } else { "UNDEFINED" })),
        "{v}"
    );
    assert_eq!(status(&s.base, &id).await["status"], "SETTLED");
    let (code, v) = pay(&s.base, "k1", &body).await;
    assert!(code == 200 && is_success(&v), "the lost attempt's key now replays its outcome: {code} {v}");
    assert!(!v.to_string().contains("token"), "{v}");
    assert_eq!(charges(&s.data, &id), 1, "{:?}", gateway_rows(&s.data, &id));
}

#[tokio::test]
async fn connection_dropped_after_the_gateway_charged() {
    charged_unseen(Fault::DropAfterForward, "platform").await;
    charged_unseen(Fault::DropAfterForward, "paycross").await;
}

#[tokio::test]
async fn answer_later_than_the_timeout() {
    charged_unseen(Fault::DelayAfterForward, "platform").await;
    charged_unseen(Fault::DelayAfterForward, "paycross").await;
}

#[tokio::test]
async fn gateway_500_after_charging() {
    charged_unseen(Fault::Error500AfterForward, "platform").await;
    charged_unseen(Fault::Error500AfterForward, "paycross").await;
}

/// The SALE never arrived: the order stays not final until the gateway, asked after the
/// attempt could no longer arrive, knows nothing of it; then it is payable and pays once.
#[tokio::test]
async fn request_lost_before_the_gateway() {
    for gateway in ["platform", "paycross"] {
        let (s, fault) = setup(&format!("fault-lost-{gateway}"), Dialect::parse(gateway).unwrap()).await;
        let id = order(&s.base, gateway).await;
        let body = payer(&id, good_card(gateway), ("01", "2038"));
        set(&fault, Fault::DropBeforeForward);
        let (code, v) = pay(&s.base, "k1", &body).await;
        assert!(is_not_final(code, &v), "{code} {v}");
        set(&fault, Fault::Pass);
        let (code, v) = pay(&s.base, "k2", &body).await;
        assert!(is_not_final(code, &v), "within the grace period the order is not payable again: {code} {v}");
        assert_eq!(status(&s.base, &id).await["status"], "PROCESSING");
        tokio::time::sleep(TIMEOUT * 2 + Duration::from_millis(700)).await;
        assert_eq!(status(&s.base, &id).await["status"], "NEW", "released once the gateway surely has nothing");
        let (code, v) = pay(&s.base, "k1", &body).await;
        assert!(code == 200 && !is_success(&v) && !is_not_final(code, &v), "k1 ends as not charged: {code} {v}");
        let (code, v) = pay(&s.base, "k2", &body).await;
        assert!(code == 200 && is_success(&v), "a new attempt pays: {code} {v}");
        assert_eq!(charges(&s.data, &id), 1);
    }
}
