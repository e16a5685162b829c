//! Answer shapes both the emulator and the merchant backend write.

use checkout_rules::FieldId;
use serde_json::{json, Value};

/// Where each field of ours lives in a PayCross v3 payment request (dotted path). The
/// emulator reads and reports errors by it; the merchant backend writes by it.
pub const PAYCROSS_PATHS: &[(FieldId, &str)] = &[
    (FieldId::CardNumber, "credit_card.number"),
    (FieldId::CardCvv2, "credit_card.verification_value"),
    (FieldId::CardExpMonth, "credit_card.exp_month"),
    (FieldId::CardExpYear, "credit_card.exp_year"),
    (FieldId::CardHolder, "credit_card.holder"),
    (FieldId::PayerEmail, "customer.email"),
    (FieldId::PayerFirstName, "billing_address.first_name"),
    (FieldId::PayerLastName, "billing_address.last_name"),
    (FieldId::PayerCountry, "billing_address.country"),
    (FieldId::PayerCity, "billing_address.city"),
    (FieldId::PayerState, "billing_address.state"),
    (FieldId::PayerZip, "billing_address.zip"),
    (FieldId::PayerAddress, "billing_address.address"),
    (FieldId::PayerPhone, "billing_address.phone"),
];

/// The PayCross path of a field, or our own name for a field PayCross does not carry.
pub fn paycross_path(f: FieldId) -> &'static str {
    PAYCROSS_PATHS.iter().find(|(x, _)| *x == f).map_or(f.name(), |(_, p)| p)
}

/// The Payment Platform's ERROR answer: `{"result":"ERROR","error_message":…,"errors":[…]}`
/// with one `"field: message"` entry per problem (the short form when there are none).
pub fn platform_error(message: &str, errors: &[(String, String)]) -> Value {
    let mut body = json!({"result": "ERROR", "error_message": message, "error_code": 100000});
    if !errors.is_empty() {
        body["errors"] = errors.iter().map(|(f, m)| json!({"error_code": 100000, "error_message": format!("{f}: {m}")})).collect();
    }
    body
}
