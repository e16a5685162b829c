//! Answer shapes both the emulator and the merchant backend write.

use serde_json::{json, Value};

/// The Payment Platform's ERROR answer: `{"result":"ERROR","error_message":…,"errors":[…]}`
/// with one `"field: message"` entry per problem (the short form when there are none).
pub fn platform_error(message: &str, errors: &[(String, String)]) -> Value {
    let mut body = json!({"result": "ERROR", "error_message": message, "error_code": 100000});
    if !errors.is_empty() {
        body["errors"] = errors.iter().map(|(f, m)| json!({"error_code": 100000, "error_message": format!("{f}: {m}")})).collect();
    }
    body
}
