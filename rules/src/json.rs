//! A read-only view of parsed JSON: the few questions the answer model asks of a body.
//! The same code then reads a `serde_json::Value` (the sandbox, the tests, the fuzzers)
//! and, in the widget, the object the browser's own `JSON.parse` made, so the wasm
//! carries no JSON value type, map or parser of its own.

use serde_json::Value;

pub trait Json: Sized {
    /// The member `key` of an object: `None` when absent or when this is not an object;
    /// a JSON `null` member is `Some` (see [`Json::is_null`]).
    fn get(&self, key: &str) -> Option<Self>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// A number as its decimal text, if this is one.
    fn number(&self) -> Option<String>;
    fn is_null(&self) -> bool;
    fn is_object(&self) -> bool;
    fn is_array(&self) -> bool;
    /// The elements of an array (empty for anything else).
    fn items(&self) -> Vec<Self>;
    /// The members of an object, in order (empty for anything else).
    fn entries(&self) -> Vec<(String, Self)>;
}

impl Json for &Value {
    fn get(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<String> {
        match self {
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn is_object(&self) -> bool {
        Value::is_object(self)
    }
    fn is_array(&self) -> bool {
        Value::is_array(self)
    }
    fn items(&self) -> Vec<Self> {
        self.as_array().map(|a| a.iter().collect()).unwrap_or_default()
    }
    fn entries(&self) -> Vec<(String, Self)> {
        self.as_object().map(|m| m.iter().map(|(k, v)| (k.clone(), v)).collect()).unwrap_or_default()
    }
}
