//! A deliberately strict reader of absolute http(s) URLs. It accepts what gateways and
//! merchants really send and refuses everything a browser might read differently
//! (backslashes, whitespace, control characters, user-info, non-ASCII, odd schemes), so
//! that what passes here is navigated to exactly as checked. Small on purpose: a full
//! WHATWG parser (the `url` crate with IDNA tables) would cost the widget more than the
//! rest of its rules together, and a refusal is always the safe answer here.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scheme {
    Http,
    Https,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Not `http://` or `https://` (relative, `//host`, `javascript:`, `data:` ...).
    Scheme,
    Host,
    Port,
    /// A character a browser would rewrite or that has no place in a URL.
    Character,
    TooLong,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Url<'a> {
    pub scheme: Scheme,
    pub host: &'a str,
    pub port: Option<u16>,
    /// Path, query and fragment, as given (starts with `/`, `?`, `#` or is empty).
    pub rest: &'a str,
}

pub const MAX_LEN: usize = 8192;

impl<'a> Url<'a> {
    pub fn parse(s: &'a str) -> Result<Url<'a>, UrlError> {
        if s.len() > MAX_LEN {
            return Err(UrlError::TooLong);
        }
        let (scheme, after) = if let Some(r) = strip_prefix_ci(s, "https://") {
            (Scheme::Https, r)
        } else if let Some(r) = strip_prefix_ci(s, "http://") {
            (Scheme::Http, r)
        } else {
            return Err(UrlError::Scheme);
        };
        if !s.bytes().all(|b| b.is_ascii_graphic() && !matches!(b, b'\\' | b'"' | b'<' | b'>' | b'`' | b'{' | b'}' | b'|' | b'^')) {
            return Err(UrlError::Character);
        }
        let end = after.find(['/', '?', '#']).unwrap_or(after.len());
        let (authority, rest) = after.split_at_checked(end).unwrap_or((after, ""));
        if authority.contains('@') {
            return Err(UrlError::Host);
        }
        let (host, port) = split_port(authority)?;
        if !host_ok(host) {
            return Err(UrlError::Host);
        }
        Ok(Url { scheme, host, port, rest })
    }

    /// `localhost`, `127.x.x.x` or `[::1]`: the only hosts plain `http:` is allowed for.
    pub fn is_loopback(&self) -> bool {
        let h = self.host.to_ascii_lowercase();
        h == "localhost"
            || h == "[::1]"
            || (h.starts_with("127.") && h.split('.').count() == 4 && h.split('.').all(|p| crate::digits_value(p, 255).is_some()))
    }
}

/// Where a page may send card data and ask for an order's status: a path on the page's
/// own origin (`/api/pay`), or an `https:` URL; plain `http:` only to loopback (the
/// sandbox). Anything else would carry card data in clear text or to another scheme.
pub fn is_backend_url(s: &str) -> bool {
    if s.starts_with('/') {
        return !s.starts_with("//") && !s.contains('\\') && s.bytes().all(|b| b.is_ascii_graphic());
    }
    Url::parse(s).is_ok_and(|u| u.scheme == Scheme::Https || u.is_loopback())
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let (head, rest) = s.split_at_checked(prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then_some(rest)
}

fn split_port(authority: &str) -> Result<(&str, Option<u16>), UrlError> {
    let colon =
        if authority.starts_with('[') { authority.find(']').map(|i| i + 1).filter(|&i| i < authority.len()) } else { authority.rfind(':') };
    match colon {
        None => Ok((authority, None)),
        Some(i) => {
            let (host, colon_port) = authority.split_at_checked(i).ok_or(UrlError::Host)?;
            let p = colon_port.strip_prefix(':').ok_or(UrlError::Host)?;
            // at most 5 characters; digits_value refuses anything but digits
            if p.len() > 5 {
                return Err(UrlError::Port);
            }
            match crate::digits_value(p, 65535) {
                Some(0) | None => Err(UrlError::Port),
                Some(n) => Ok((host, Some(n as u16))),
            }
        }
    }
}

fn host_ok(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty() && inner.contains(':') && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').enumerate().all(|(i, l)| {
            // a single trailing dot (FQDN) is fine, empty labels elsewhere are not
            (!l.is_empty() || (i > 0 && host.ends_with('.') && i == host.split('.').count() - 1))
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !l.starts_with('-')
                && !l.ends_with('-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_gateway_urls() {
        let u = Url::parse("https://gateway.pay-cross.com/process/46154-aba1cf5e57").unwrap();
        assert_eq!((u.scheme, u.host, u.port, u.rest), (Scheme::Https, "gateway.pay-cross.com", None, "/process/46154-aba1cf5e57"));
        let u = Url::parse("http://127.0.0.1:8080/gateway/acs/x?a=1#f").unwrap();
        assert_eq!((u.host, u.port, u.rest), ("127.0.0.1", Some(8080), "/gateway/acs/x?a=1#f"));
        assert!(u.is_loopback());
        assert!(Url::parse("HTTPS://EXAMPLE.COM").is_ok());
        assert!(Url::parse("http://[::1]:9/").unwrap().is_loopback());
        assert!(Url::parse("https://a.com?x=1").is_ok());
    }

    #[test]
    fn refuses_the_tricks() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " https://a.com",
            "\thttps://a.com",
            "https://a.com ",
            "data:text/html,<script>alert(1)</script>",
            "//evil.com/x",
            "/relative/path",
            "relative",
            "https:/a.com",
            "https:\\\\evil.com",
            "https://user:pw@a.com/",
            "https://a.com@evil.com/",
            "https://evil.com\\@a.com/",
            "https://a.com/\npath",
            "https://a..com/",
            "https://-a.com/",
            "https://a.com:0/",
            "https://a.com:99999/",
            "https://a.com:/",
            "https://пример.рф/",
            "https:///a",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "",
        ] {
            assert!(Url::parse(bad).is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn loopback_only_for_loopback() {
        for (u, lb) in [
            ("http://localhost/", true),
            ("http://127.1.2.3/", true),
            ("http://127.0.0.1.evil.com/", false),
            ("http://10.0.0.1/", false),
            ("http://localhost.evil/", false),
            ("http://127.+0.0.1/", false),
            ("http://127.256.0.1/", false),
        ] {
            assert_eq!(Url::parse(u).is_ok_and(|u| u.is_loopback()), lb, "{u}");
        }
    }

    #[test]
    fn backend_urls_are_same_origin_paths_or_https() {
        for ok in [
            "/api/pay",
            "/api/orders/{order_id}",
            "https://shop.example.com/api/pay",
            "http://127.0.0.1:8080/api/pay",
            "http://localhost/pay",
        ] {
            assert!(super::is_backend_url(ok), "{ok}");
        }
        for bad in
            ["http://shop.example.com/api/pay", "//evil.example/pay", "javascript:alert(1)", "api/pay", "/a\\b", "/a b", "", "ftp://x/"]
        {
            assert!(!super::is_backend_url(bad), "{bad}");
        }
    }
}
