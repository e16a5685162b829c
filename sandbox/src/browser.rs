//! The payer's browser for 3-D Secure 2 (PayCross v3 `additional_data.browser`): one type
//! for the three places that handle it. The widget sends every field but `accept_header`
//! (a page cannot read its own Accept header); the merchant backend adds that from the
//! payer's request and forwards it to PayCross; the emulator requires it for a 3-D Secure
//! card and echoes it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Browser {
    pub screen_width: u32,
    pub screen_height: u32,
    pub screen_color_depth: u32,
    pub language: String,
    pub java_enabled: bool,
    pub user_agent: String,
    /// `Date.getTimezoneOffset()`: minutes, UTC+3 → −180.
    pub time_zone: i32,
    pub time_zone_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accept_header: Option<String>,
    pub window_height: u32,
    pub window_width: u32,
}

/// The longest time zone name and Accept header taken (EMVCo's limit for the latter is
/// the user agent's, 2,048; the sandbox keeps it shorter).
const MAX_TEXT: usize = 1024;

impl Browser {
    /// Reads a `browser` object; the error names the field (`screen_width: invalid type…`,
    /// or a value outside EMVCo's limits, which the widget never sends).
    pub fn read(v: &Value) -> Result<Browser, String> {
        let b: Browser = serde_path_to_error::deserialize(v).map_err(|e| format!("{}: {}", e.path(), e.inner()))?;
        let texts = [("language", &b.language), ("user_agent", &b.user_agent), ("time_zone_name", &b.time_zone_name)];
        if let Some((name, _)) = texts.iter().find(|(_, t)| t.chars().any(char::is_control)) {
            return Err(format!("`{name}` must be text"));
        }
        if b.time_zone_name.len() > MAX_TEXT {
            return Err(format!("`time_zone_name` must be at most {MAX_TEXT} bytes"));
        }
        if let Some(f) = b.limited().outside() {
            return Err(format!("`{}` is outside the EMV 3-D Secure limits", f.name()));
        }
        Ok(b)
    }

    /// The fields EMVCo limits, as the rules crate checks them.
    fn limited(&self) -> checkout_rules::browser::Browser<'_> {
        checkout_rules::browser::Browser {
            screen_width: f64::from(self.screen_width),
            screen_height: f64::from(self.screen_height),
            color_depth: f64::from(self.screen_color_depth),
            window_width: f64::from(self.window_width),
            window_height: f64::from(self.window_height),
            time_zone: f64::from(self.time_zone),
            language: &self.language,
            user_agent: &self.user_agent,
        }
    }

    /// With the Accept header of the payer's own request (cut to the same length).
    pub fn with_accept(mut self, accept: Option<&str>) -> Browser {
        let accept = accept.unwrap_or("*/*").chars().filter(|c| !c.is_control()).take(MAX_TEXT).collect();
        self.accept_header = Some(accept);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn example() -> Value {
        // spec/003's example answer, less the accept_header the widget cannot know
        json!({"screen_width": 1920, "screen_height": 1080, "screen_color_depth": 24, "language": "en", "java_enabled": false,
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36", "time_zone": -180,
            "time_zone_name": "Europe/Vilnius", "window_height": 667, "window_width": 600})
    }

    #[test]
    fn reads_the_specs_example_and_adds_the_accept_header() {
        let b = Browser::read(&example()).unwrap().with_accept(Some("text/html,*/*"));
        assert_eq!(b.time_zone, -180);
        assert_eq!(serde_json::to_value(&b).unwrap()["accept_header"], "text/html,*/*");
    }

    #[test]
    fn a_missing_unknown_or_mistyped_field_is_named() {
        let mut v = example();
        v.as_object_mut().unwrap().remove("screen_width");
        assert!(Browser::read(&v).unwrap_err().contains("screen_width"));
        let mut v = example();
        v["plugins"] = json!(["flash"]);
        assert!(Browser::read(&v).unwrap_err().contains("plugins"));
        let mut v = example();
        v["time_zone"] = json!("-180");
        assert!(Browser::read(&v).is_err());
        let mut v = example();
        v["user_agent"] = json!("x".repeat(2049));
        assert!(Browser::read(&v).unwrap_err().contains("user_agent"));
    }

    #[test]
    fn values_outside_emvcos_limits_are_refused_by_name() {
        for (field, bad) in [
            ("screen_color_depth", json!(30)),
            ("language", json!("de-DE-u-co-phonebk")),
            ("screen_width", json!(1_000_000)),
            ("time_zone", json!(-900)),
        ] {
            let mut v = example();
            v[field] = bad;
            assert!(Browser::read(&v).unwrap_err().contains(field), "{field}");
        }
        let mut v = example();
        v["user_agent"] = json!("x".repeat(2048));
        assert!(Browser::read(&v).is_ok(), "2,048 characters are allowed");
    }
}
