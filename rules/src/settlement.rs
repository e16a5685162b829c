//! Where a payment stands, by its status name: the one status → outcome mapping of the
//! project. The widget's checkout and result modes and the sandbox's merchant backend all
//! decide "paid, still moving, or not paid (and why)" here.

use serde::Serialize;

use crate::answer::{PayCrossStatus, TxStatus};

/// Why a payment is not (or no longer) paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotPaid {
    Declined,
    /// Cancelled before settlement (VOID).
    Voided,
    Refunded,
    Reversed,
    ChargedBack,
}

/// What a status means for the order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settlement {
    /// Money moved or is held for the merchant.
    Paid,
    /// Not decided yet (3-D Secure, an async payment, an order nobody paid yet).
    InProgress,
    NotPaid(NotPaid),
}

impl Settlement {
    /// A status as either dialect or a merchant's status URL writes it: spec/000's
    /// statuses plus REDIRECT, PREPARE and VOID ([`TxStatus`]), PayCross's
    /// ([`PayCrossStatus`]). Anything else (NEW, PROCESSING, a status we do not know)
    /// is not a decision: `InProgress`.
    pub fn of(status: &str) -> Settlement {
        match PayCrossStatus::parse(status) {
            Some(s) => s.settlement(),
            None => TxStatus::parse(status).map_or(Settlement::InProgress, TxStatus::settlement),
        }
    }

    /// A decision: paid, or not paid.
    pub fn is_final(self) -> bool {
        self != Settlement::InProgress
    }
}

impl PayCrossStatus {
    pub fn settlement(self) -> Settlement {
        use PayCrossStatus as S;
        match self {
            S::Successful => Settlement::Paid,
            S::Failed | S::Declined | S::Expired => Settlement::NotPaid(NotPaid::Declined),
            S::Incomplete | S::Pending | S::Error => Settlement::InProgress,
        }
    }
}

impl TxStatus {
    pub fn settlement(self) -> Settlement {
        use NotPaid::*;
        use TxStatus as T;
        match self {
            T::Settled | T::Pending | T::SecondPresentment | T::ArbitrationWon => Settlement::Paid,
            T::ThreeDs | T::Redirect | T::Prepare => Settlement::InProgress,
            T::Declined => Settlement::NotPaid(Declined),
            T::Void => Settlement::NotPaid(Voided),
            T::Refund => Settlement::NotPaid(Refunded),
            T::Reversal | T::ArbitrationReversal => Settlement::NotPaid(Reversed),
            T::Chargeback | T::SecondChargeback | T::Arbitration | T::ArbitrationLost => Settlement::NotPaid(ChargedBack),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NotPaid::{ChargedBack, Declined, Refunded, Reversed, Voided};
    use Settlement::{InProgress, Paid};

    /// Every status of spec/000, REDIRECT, PREPARE and VOID, PayCross's, and the order
    /// statuses of a merchant's status URL.
    #[test]
    fn every_status_has_one_meaning() {
        let table = [
            ("3DS", InProgress),
            ("PENDING", Paid),
            ("SETTLED", Paid),
            ("REVERSAL", Settlement::NotPaid(Reversed)),
            ("REFUND", Settlement::NotPaid(Refunded)),
            ("CHARGEBACK", Settlement::NotPaid(ChargedBack)),
            ("SECOND_PRESENTMENT", Paid),
            ("SECOND_CHARGEBACK", Settlement::NotPaid(ChargedBack)),
            ("ARBITRATION", Settlement::NotPaid(ChargedBack)),
            ("ARBITRATION_REVERSAL", Settlement::NotPaid(Reversed)),
            ("ARBITRATION_WON", Paid),
            ("ARBITRATION_LOST", Settlement::NotPaid(ChargedBack)),
            ("DECLINED", Settlement::NotPaid(Declined)),
            ("REDIRECT", InProgress),
            ("PREPARE", InProgress),
            ("VOID", Settlement::NotPaid(Voided)),
            ("successful", Paid),
            ("failed", Settlement::NotPaid(Declined)),
            ("incomplete", InProgress),
            ("pending", InProgress),
            ("error", InProgress),
            ("declined", Settlement::NotPaid(Declined)),
            ("expired", Settlement::NotPaid(Declined)),
            ("NEW", InProgress),
            ("PROCESSING", InProgress),
            ("settled", InProgress),
            ("", InProgress),
        ];
        for (status, want) in table {
            assert_eq!(Settlement::of(status), want, "{status}");
        }
        // the table covers every status of both dialects
        for name in TxStatus::ALL.iter().map(|s| s.as_str()).chain(PayCrossStatus::ALL.iter().map(|s| s.as_str())) {
            assert!(table.iter().any(|(n, _)| *n == name), "{name}");
        }
    }
}
