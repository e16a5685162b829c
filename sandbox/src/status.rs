//! The merchant's view of an order and of each attempt to pay it, and how a gateway's
//! answer moves them. One definition, used by the pay path, the status queries, the
//! callbacks and the order page.

use checkout_rules::{NotPaid, PayCrossStatus, Settlement, TxStatus};

use crate::wire::paycross;
use checkout_rules::answer::ResultCode;

use crate::wire::word::Word;
use crate::wire::Said;

/// An order's status. It only moves along [`OrderStatus::follows`]: a final status is
/// never overwritten by an older attempt's or a lesser one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    /// Not paid; nobody is paying it.
    New,
    /// One attempt claimed it; its outcome is not known yet.
    Processing,
    /// The payer is at their bank (3-D Secure).
    #[strum(serialize = "3DS")]
    ThreeDs,
    /// Authorised and held (auth=Y): paid, capture pending.
    Pending,
    Settled,
    /// The last attempt was declined: payable again.
    Declined,
}

impl OrderStatus {
    /// Every status, in declaration order (strum's list of the variants).
    pub const ALL: &'static [OrderStatus] = <OrderStatus as strum::VariantArray>::VARIANTS;

    /// Paid: never payable again.
    pub fn is_paid(self) -> bool {
        matches!(self, Self::Pending | Self::Settled)
    }

    /// What an attempt may claim.
    pub fn is_payable(self) -> bool {
        matches!(self, Self::New | Self::Declined)
    }

    /// The statuses this one may replace. Claiming (→ Processing) needs a payable order;
    /// a gateway status moves an order forward only.
    pub fn follows(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            New => &[],
            Processing => &[New, Declined],
            ThreeDs => &[Processing],
            Pending => &[Processing, ThreeDs],
            Settled => &[Processing, ThreeDs, Pending],
            // a held authorisation whose capture is declined was never charged
            Declined => &[Processing, ThreeDs, Pending],
        }
    }
}

/// Where one attempt (one Idempotency-Key) stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString)]
#[strum(serialize_all = "snake_case")]
pub enum AttemptState {
    /// Sent, or about to be: its key answers 409 until it ends.
    InFlight,
    /// The gateway may or may not have charged: asked again before anything else.
    Unknown,
    /// Its answer is stored and replayed.
    Final,
    /// The gateway, asked long after the request could have arrived, had no payment of
    /// it: the order was released and the answer stored. It is still watched: a SALE that
    /// reaches the gateway later still is a charge nobody waits for, and is reversed.
    Released,
}

/// What a gateway's answer to a payment means for the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The payment exists at the gateway with this status.
    Became(OrderStatus),
    /// The gateway refused the request: nothing was charged.
    Refused,
    /// Anything else: the payment may or may not exist.
    Unknown,
}

/// The verdict of a payment answer. A 5xx or an answer we do not recognise is `Unknown`:
/// only what the gateway clearly said counts.
pub fn verdict(http: u16, said: &Said) -> Verdict {
    if http >= 500 {
        return Verdict::Unknown;
    }
    match said {
        Said::Platform(a) => match &a.result {
            Some(Word::Said(ResultCode::Success)) => match &a.status {
                None => Verdict::Became(OrderStatus::Settled),
                Some(s) => s.known().and_then(of_platform).filter(|s| s.is_paid()).map_or(Verdict::Unknown, Verdict::Became),
            },
            Some(Word::Said(ResultCode::Declined)) => Verdict::Became(OrderStatus::Declined),
            Some(Word::Said(ResultCode::Redirect)) => Verdict::Became(OrderStatus::ThreeDs),
            Some(Word::Said(ResultCode::Accepted)) => Verdict::Became(OrderStatus::Processing),
            Some(Word::Said(ResultCode::Error)) => Verdict::Refused,
            Some(Word::Said(ResultCode::Undefined) | Word::Other(_)) | None => Verdict::Unknown,
        },
        Said::PayCross(t) => of_paycross(t).map_or(Verdict::Unknown, Verdict::Became),
        Said::PayCrossCode(e) if e.code.starts_with("E.") => Verdict::Refused,
        Said::PayCrossCode(_) | Said::Unreadable => Verdict::Unknown,
    }
}

/// The order status a PayCross transaction means: a successful authorisation is held.
pub fn of_paycross(t: &paycross::Transaction) -> Option<OrderStatus> {
    use PayCrossStatus as S;
    let status = t.status.known()?;
    match status.settlement() {
        Settlement::Paid if t.is_authorization() => Some(OrderStatus::Pending),
        Settlement::InProgress => match status {
            S::Incomplete => Some(OrderStatus::ThreeDs),
            S::Pending => Some(OrderStatus::Processing),
            _ => None,
        },
        settlement => of_settlement(settlement),
    }
}

/// The order status a Platform transaction status means. `PENDING` is a held
/// authorisation; 3-D Secure, REDIRECT and PREPARE wait for the payer.
pub fn of_platform(status: TxStatus) -> Option<OrderStatus> {
    match status.settlement() {
        Settlement::Paid if status == TxStatus::Pending => Some(OrderStatus::Pending),
        Settlement::InProgress => status.is_in_progress().then_some(OrderStatus::ThreeDs),
        settlement => of_settlement(settlement),
    }
}

/// Paid or not, by the rules crate's one mapping ([`Settlement`]). `None` for what is not
/// a payment's outcome to apply here: a refund, void or chargeback of a paid order is the
/// back office's business.
fn of_settlement(settlement: Settlement) -> Option<OrderStatus> {
    match settlement {
        Settlement::Paid => Some(OrderStatus::Settled),
        Settlement::NotPaid(NotPaid::Declined) => Some(OrderStatus::Declined),
        Settlement::NotPaid(_) | Settlement::InProgress => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::SqlName;
    use serde_json::json;
    use OrderStatus::*;

    #[test]
    fn names_round_trip() {
        for s in OrderStatus::ALL.iter().copied() {
            assert_eq!(OrderStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OrderStatus::parse("settled"), None);
    }

    #[test]
    fn a_paid_order_is_never_claimed_nor_declined_by_a_callback() {
        for s in OrderStatus::ALL.iter().copied() {
            assert_eq!(Processing.follows().contains(&s), s.is_payable(), "{s:?}");
        }
        assert!(!Declined.follows().contains(&Settled));
        assert!(!ThreeDs.follows().contains(&Settled) && !Processing.follows().contains(&Settled));
    }

    #[test]
    fn transaction_statuses_by_the_one_mapping() {
        for (s, want) in [
            ("SETTLED", Some(Settled)),
            ("PENDING", Some(Pending)),
            ("DECLINED", Some(Declined)),
            ("3DS", Some(ThreeDs)),
            ("REDIRECT", Some(ThreeDs)),
            ("PREPARE", Some(ThreeDs)),
            ("VOID", None),
            ("REFUND", None),
            ("CHARGEBACK", None),
            ("successful", None),
            ("NEW", None),
        ] {
            assert_eq!(TxStatus::parse(s).and_then(of_platform), want, "{s}");
        }
        let paycross = |status: &str, kind| paycross::Transaction { status: Word::read(status.into()), kind, ..Default::default() };
        for (s, want) in [
            ("successful", Some(Settled)),
            ("failed", Some(Declined)),
            ("declined", Some(Declined)),
            ("expired", Some(Declined)),
            ("incomplete", Some(ThreeDs)),
            ("pending", Some(Processing)),
            ("error", None),
            ("SETTLED", None),
            ("", None),
        ] {
            assert_eq!(of_paycross(&paycross(s, None)), want, "{s}");
        }
        let held = paycross("successful", Some(paycross::Kind::Authorization));
        assert_eq!(of_paycross(&held), Some(Pending));
        assert_eq!(of_paycross(&paycross("failed", Some(paycross::Kind::Authorization))), Some(Declined));
    }

    fn verdict(http: u16, v: &serde_json::Value) -> Verdict {
        let dialect = if v.get("result").is_some() { crate::Dialect::Platform } else { crate::Dialect::PayCross };
        super::verdict(http, &Said::read(dialect, v))
    }

    #[test]
    fn only_clear_answers_count() {
        assert_eq!(verdict(200, &json!({"result": "SUCCESS", "status": "SETTLED"})), Verdict::Became(Settled));
        assert_eq!(verdict(200, &json!({"result": "SUCCESS", "status": "PENDING"})), Verdict::Became(Pending));
        assert_eq!(verdict(200, &json!({"result": "SUCCESS", "status": "VOID"})), Verdict::Unknown);
        // a word the spec does not document reads, and pays nothing
        assert_eq!(verdict(200, &json!({"result": "SUCCESS", "status": "SETTLED_LATER"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!({"uid": "u", "status": "Successful"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!({"result": "ERROR"})), Verdict::Refused);
        assert_eq!(verdict(500, &json!({"result": "ERROR"})), Verdict::Unknown);
        assert_eq!(verdict(502, &json!({"result": "DECLINED"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!({"result": "UNDEFINED"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!({"result": "ACCEPTED"})), Verdict::Became(Processing));
        assert_eq!(verdict(200, &json!({"uid": "u", "status": "successful"})), Verdict::Became(Settled));
        assert_eq!(verdict(200, &json!({"uid": "u", "status": "successful", "type": "authorization"})), Verdict::Became(Pending));
        assert_eq!(verdict(200, &json!({"uid": "u", "status": "failed"})), Verdict::Became(Declined));
        assert_eq!(verdict(422, &json!({"code": "E.1025"})), Verdict::Refused);
        assert_eq!(verdict(200, &json!({"uid": "u", "status": "error"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!({"code": "P.8010"})), Verdict::Unknown);
        assert_eq!(verdict(200, &json!([])), Verdict::Unknown);
    }
}
