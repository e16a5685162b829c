//! The JSON body of a payment, as the form builds it (`Form::payload`).

/// The JSON body for the backend, in order: protocol names and values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Payload(pub Vec<(String, String)>);

impl Payload {
    /// Sets a field, replacing an earlier value.
    pub fn insert(&mut self, k: String, v: String) {
        match self.0.iter_mut().find(|(x, _)| *x == k) {
            Some(slot) => slot.1 = v,
            None => self.0.push((k, v)),
        }
    }
    /// Adds a field unless it is already there.
    pub fn insert_new(&mut self, k: String, v: String) {
        if !self.0.iter().any(|(x, _)| *x == k) {
            self.0.push((k, v));
        }
    }
    /// As a plain JS object.
    pub fn to_js(&self) -> js_sys::Object {
        let o = js_sys::Object::new();
        for (k, v) in &self.0 {
            let _ = js_sys::Reflect::set(&o, &k.into(), &v.into());
        }
        o
    }
}
