//! The redirect plan: the only way the widget ever navigates. Built from a gateway's
//! `redirect_url` / `redirect_method` / `redirect_params`, it accepts `https:` (and `http:`
//! for loopback hosts, the sandbox), GET or POST, string parameters of bounded size;
//! anything else is a typed error, never a navigation.

use serde::Serialize;

use crate::json::Json;

use crate::url::{Scheme, Url, UrlError};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Method {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RedirectPlan {
    pub method: Method,
    /// For GET: the URL with the params merged into its query. For POST: the form action.
    pub url: String,
    /// For POST: one hidden input per pair, in order. Empty for GET.
    pub params: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RedirectError {
    MissingUrl,
    Url,
    /// `http:` to a host that is not loopback.
    Insecure,
    Method,
    /// `redirect_params` neither an object, `[]`, nor a list of `{name, value}`.
    ParamsShape,
    /// A parameter name or value that is not a string.
    ParamType,
    TooMany,
    TooLarge,
}

impl From<UrlError> for RedirectError {
    fn from(_: UrlError) -> Self {
        RedirectError::Url
    }
}

pub const MAX_URL: usize = 2048;
pub const MAX_PARAMS: usize = 32;
pub const MAX_NAME: usize = 128;
/// A 3-D Secure 1 `PaReq` is a few KB; 3DS2 `creq` smaller.
pub const MAX_VALUE: usize = 16 * 1024;
pub const MAX_TOTAL: usize = 64 * 1024;

impl RedirectPlan {
    /// `url`, `method` and `params` as they came in the answer, `None` when absent.
    pub fn new<J: Json>(url: Option<J>, method: Option<J>, params: Option<J>) -> Result<RedirectPlan, RedirectError> {
        let url = read_url(url)?;
        let params = read_params(params)?;
        let method = match method.filter(|m| !m.is_null()) {
            Some(m) => match m.string() {
                Some(m) if m.eq_ignore_ascii_case("POST") => Method::Post,
                Some(m) if m.eq_ignore_ascii_case("GET") => Method::Get,
                _ => return Err(RedirectError::Method),
            },
            // Missing: 3-D Secure 1 with PaReq/MD posts; a bare URL is a GET.
            None if params.is_empty() => Method::Get,
            None => Method::Post,
        };
        RedirectPlan::build(&url, method, params)
    }

    /// A bare URL to visit with GET (PayCross's `redirect_url`).
    pub fn get<J: Json>(url: Option<J>) -> Result<RedirectPlan, RedirectError> {
        RedirectPlan::build(&read_url(url)?, Method::Get, Vec::new())
    }

    pub fn build(url: &str, method: Method, params: Vec<(String, String)>) -> Result<RedirectPlan, RedirectError> {
        if url.len() > MAX_URL {
            return Err(RedirectError::TooLarge);
        }
        let parsed = Url::parse(url)?;
        if parsed.scheme == Scheme::Http && !parsed.is_loopback() {
            return Err(RedirectError::Insecure);
        }
        match method {
            Method::Post => Ok(RedirectPlan { method, url: url.to_string(), params }),
            Method::Get => {
                let merged = merge_query(url, &params);
                if merged.len() > MAX_URL {
                    return Err(RedirectError::TooLarge);
                }
                Ok(RedirectPlan { method, url: merged, params: Vec::new() })
            }
        }
    }
}

fn read_url<J: Json>(url: Option<J>) -> Result<String, RedirectError> {
    let Some(url) = url.filter(|u| !u.is_null()) else { return Err(RedirectError::MissingUrl) };
    match url.string() {
        Some(s) if s.is_empty() => Err(RedirectError::MissingUrl),
        Some(s) => Ok(s),
        None => Err(RedirectError::Url),
    }
}

fn read_params<J: Json>(v: Option<J>) -> Result<Vec<(String, String)>, RedirectError> {
    let pairs: Vec<(String, String)> = match v.filter(|v| !v.is_null()) {
        None => Vec::new(),
        Some(map) if map.is_object() => {
            map.entries().into_iter().map(|(k, v)| Ok((k, string(&v)?))).collect::<Result<_, RedirectError>>()?
        }
        Some(list) if list.is_array() => list
            .items()
            .iter()
            .map(|item| {
                if !item.is_object() {
                    return Err(RedirectError::ParamsShape);
                }
                let name = item.get("name").ok_or(RedirectError::ParamsShape)?;
                let value = item.get("value").ok_or(RedirectError::ParamsShape)?;
                Ok((string(&name)?, string(&value)?))
            })
            .collect::<Result<_, RedirectError>>()?,
        Some(_) => return Err(RedirectError::ParamsShape),
    };
    if pairs.len() > MAX_PARAMS {
        return Err(RedirectError::TooMany);
    }
    let mut total = 0;
    for (k, v) in &pairs {
        if k.is_empty() || k.len() > MAX_NAME || v.len() > MAX_VALUE {
            return Err(RedirectError::TooLarge);
        }
        total += k.len() + v.len();
    }
    if total > MAX_TOTAL {
        return Err(RedirectError::TooLarge);
    }
    Ok(pairs)
}

fn string<J: Json>(v: &J) -> Result<String, RedirectError> {
    v.string().ok_or(RedirectError::ParamType)
}

/// Form-urlencodes one component (RFC 3986 unreserved characters kept).
pub fn encode(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[usize::from(b >> 4)] as char);
            out.push(HEX[usize::from(b & 15)] as char);
        }
    }
}

/// A status URL template with every `{order_id}` replaced by the order id, percent-encoded.
pub fn fill_order_id(template: &str, order_id: &str) -> String {
    let mut parts = template.split('{');
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        match part.strip_prefix("order_id}") {
            Some(rest) => {
                encode(order_id, &mut out);
                out.push_str(rest);
            }
            None => {
                out.push('{');
                out.push_str(part);
            }
        }
    }
    out
}

/// Appends params to the URL's query, keeping an existing query and the fragment.
pub fn merge_query(url: &str, params: &[(String, String)]) -> String {
    let (base, fragment) = url.find('#').and_then(|i| url.split_at_checked(i)).unwrap_or((url, ""));
    let mut out = String::with_capacity(url.len() + params.len() * 16);
    out.push_str(base);
    for (i, (k, v)) in params.iter().enumerate() {
        if i == 0 && !base.contains('?') {
            out.push('?');
        } else if !(i == 0 && (base.ends_with('?') || base.ends_with('&'))) {
            out.push('&');
        }
        encode(k, &mut out);
        out.push('=');
        encode(v, &mut out);
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn the_status_url_gets_the_order_id_encoded_wherever_the_template_asks() {
        assert_eq!(fill_order_id("/api/status/{order_id}", "A 1/é"), "/api/status/A%201%2F%C3%A9");
        assert_eq!(fill_order_id("/s?id={order_id}&again={order_id}", "o-7"), "/s?id=o-7&again=o-7");
        // Other braces are the merchant's own and stay as written.
        assert_eq!(fill_order_id("/s/{id}/{order_id", "o"), "/s/{id}/{order_id");
        assert_eq!(fill_order_id("/s/{{order_id}}", "o"), "/s/{o}");
        assert_eq!(fill_order_id("/status", "o"), "/status");
    }

    fn plan(url: &str, method: Option<&str>, params: Option<Value>) -> Result<RedirectPlan, RedirectError> {
        RedirectPlan::new(Some(&json!(url)), method.map(|m| json!(m)).as_ref(), params.as_ref())
    }

    #[test]
    fn object_params_post() {
        let p = plan("https://acs.bank.com/pareq", Some("POST"), Some(json!({"PaReq": "abc", "MD": "m1", "TermUrl": "https://shop/t"})))
            .unwrap();
        assert_eq!(p.method, Method::Post);
        assert_eq!(p.url, "https://acs.bank.com/pareq");
        assert_eq!(p.params.len(), 3);
        assert!(p.params.contains(&("PaReq".into(), "abc".into())));
    }

    #[test]
    fn list_params_keep_order() {
        let p = plan("https://acs.bank.com/", Some("post"), Some(json!([{"name": "MD", "value": "1"}, {"name": "PaReq", "value": "2"}])))
            .unwrap();
        assert_eq!(p.params, vec![("MD".into(), "1".into()), ("PaReq".into(), "2".into())]);
    }

    #[test]
    fn empty_array_and_missing_params() {
        let p = plan("https://acs.bank.com/x", Some("GET"), Some(json!([]))).unwrap();
        assert_eq!((p.method, p.url.as_str()), (Method::Get, "https://acs.bank.com/x"));
        let p = plan("https://acs.bank.com/x", None, None).unwrap();
        assert_eq!(p.method, Method::Get);
        let p = plan("https://acs.bank.com/x", None, Some(json!({"PaReq": "a"}))).unwrap();
        assert_eq!(p.method, Method::Post);
    }

    #[test]
    fn get_merges_into_existing_query_and_keeps_fragment() {
        let p = plan("https://acs.bank.com/p?session=1#top", Some("GET"), Some(json!([{"name": "a b", "value": "x&y=z"}]))).unwrap();
        assert_eq!(p.url, "https://acs.bank.com/p?session=1&a%20b=x%26y%3Dz#top");
        let p = plan("https://acs.bank.com/p?", Some("GET"), Some(json!({"k": "v"}))).unwrap();
        assert_eq!(p.url, "https://acs.bank.com/p?k=v");
        assert!(p.params.is_empty());
    }

    #[test]
    fn refuses_hostile_urls() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            " https://acs.bank.com/",
            "data:text/html;base64,PHNjcmlwdD4=",
            "//evil.com/",
            "/relative",
            "acs.bank.com/x",
            "vbscript:x",
        ] {
            assert_eq!(plan(bad, Some("POST"), None), Err(RedirectError::Url), "{bad:?}");
        }
        assert_eq!(plan("http://acs.bank.com/", Some("POST"), None), Err(RedirectError::Insecure));
        assert!(plan("http://127.0.0.1:8080/gateway/acs/1", Some("POST"), None).is_ok());
    }

    #[test]
    fn refuses_bad_methods_params_and_sizes() {
        assert_eq!(plan("https://a.com/", Some("PUT"), None), Err(RedirectError::Method));
        assert_eq!(RedirectPlan::new(Some(&json!("https://a.com/")), Some(&json!(1)), None), Err(RedirectError::Method));
        assert_eq!(plan("https://a.com/", Some("POST"), Some(json!({"a": 1}))), Err(RedirectError::ParamType));
        assert_eq!(plan("https://a.com/", Some("POST"), Some(json!({"a": null}))), Err(RedirectError::ParamType));
        assert_eq!(plan("https://a.com/", Some("POST"), Some(json!("PaReq=1"))), Err(RedirectError::ParamsShape));
        assert_eq!(plan("https://a.com/", Some("POST"), Some(json!([{"name": "a"}]))), Err(RedirectError::ParamsShape));
        assert_eq!(plan("https://a.com/", Some("POST"), Some(json!({"a": "x".repeat(MAX_VALUE + 1)}))), Err(RedirectError::TooLarge));
        let many: serde_json::Map<String, Value> = (0..=MAX_PARAMS).map(|i| (format!("p{i}"), json!("v"))).collect();
        assert_eq!(plan("https://a.com/", Some("POST"), Some(Value::Object(many))), Err(RedirectError::TooMany));
        assert_eq!(plan(&format!("https://a.com/{}", "x".repeat(MAX_URL)), Some("GET"), None), Err(RedirectError::TooLarge));
        assert_eq!(RedirectPlan::new::<&Value>(None, None, None), Err(RedirectError::MissingUrl));
        assert_eq!(RedirectPlan::new(Some(&json!(5)), None, None), Err(RedirectError::Url));
    }

    #[test]
    fn markup_in_params_is_carried_as_data() {
        let p = plan("https://a.com/", Some("POST"), Some(json!({"x": "\"><script>alert(1)</script>"}))).unwrap();
        assert_eq!(p.params[0].1, "\"><script>alert(1)</script>");
        let p = plan("https://a.com/", Some("GET"), Some(json!({"x": "\"><script>"}))).unwrap();
        assert_eq!(p.url, "https://a.com/?x=%22%3E%3Cscript%3E");
    }
}
