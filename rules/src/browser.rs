//! The payer's browser for 3-D Secure 2 within what issuers accept (EMV 3-D Secure 2.x
//! browser fields, PROTOCOL.md): the widget fits what the page reads into these limits
//! before sending it, and the merchant backend refuses what lies outside them, by the same
//! function.

use core::ops::RangeInclusive;

/// The colour depths EMVCo allows; a screen between two sends the lower (HDR's 30 → 24).
pub const COLOR_DEPTHS: [u32; 8] = [1, 4, 8, 15, 16, 24, 32, 48];
/// The longest language tag.
pub const MAX_LANGUAGE: usize = 8;
/// The longest user agent, in characters.
pub const MAX_USER_AGENT: usize = 2048;
/// Screen and window sizes: whole pixels of at most six digits.
pub const MAX_PIXELS: f64 = 999_999.0;
/// `getTimezoneOffset()` of the zones that exist: UTC+14 is −840, UTC−12 is 720.
pub const TIME_ZONES: RangeInclusive<i32> = -840..=720;

/// The fields of the browser data that have a limit, by their names on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrowserField {
    ScreenWidth,
    ScreenHeight,
    ColorDepth,
    WindowWidth,
    WindowHeight,
    TimeZone,
    Language,
    UserAgent,
}

impl BrowserField {
    pub fn name(self) -> &'static str {
        match self {
            BrowserField::ScreenWidth => "screen_width",
            BrowserField::ScreenHeight => "screen_height",
            BrowserField::ColorDepth => "screen_color_depth",
            BrowserField::WindowWidth => "window_width",
            BrowserField::WindowHeight => "window_height",
            BrowserField::TimeZone => "time_zone",
            BrowserField::Language => "language",
            BrowserField::UserAgent => "user_agent",
        }
    }
}

/// What the browser says, numbers as JavaScript gives them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Browser<'a> {
    pub screen_width: f64,
    pub screen_height: f64,
    pub color_depth: f64,
    pub window_width: f64,
    pub window_height: f64,
    pub time_zone: f64,
    pub language: &'a str,
    pub user_agent: &'a str,
}

impl<'a> Browser<'a> {
    /// The same data within the limits: sizes whole and in range, the colour depth the
    /// nearest allowed at or below, the time zone clamped, the language cut to a valid tag,
    /// the user agent cut.
    pub fn fit(self) -> Browser<'a> {
        let whole = |x: f64, lo: f64, hi: f64| if x.is_finite() { x.round().clamp(lo, hi) } else { 0.0 };
        let pixels = |x: f64| whole(x, 0.0, MAX_PIXELS);
        let depth = COLOR_DEPTHS.iter().rev().map(|d| f64::from(*d)).find(|d| *d <= self.color_depth).unwrap_or(1.0);
        let zones = (f64::from(*TIME_ZONES.start()), f64::from(*TIME_ZONES.end()));
        Browser {
            screen_width: pixels(self.screen_width),
            screen_height: pixels(self.screen_height),
            color_depth: depth,
            window_width: pixels(self.window_width),
            window_height: pixels(self.window_height),
            time_zone: whole(self.time_zone, zones.0, zones.1),
            language: language(self.language),
            user_agent: self.user_agent.char_indices().nth(MAX_USER_AGENT).map_or(self.user_agent, |(i, _)| &self.user_agent[..i]),
        }
    }

    /// The first field outside the limits (one that `fit` changes), if any.
    pub fn outside(&self) -> Option<BrowserField> {
        let f = self.fit();
        use BrowserField::*;
        [
            (ScreenWidth, f.screen_width == self.screen_width),
            (ScreenHeight, f.screen_height == self.screen_height),
            (ColorDepth, f.color_depth == self.color_depth),
            (WindowWidth, f.window_width == self.window_width),
            (WindowHeight, f.window_height == self.window_height),
            (TimeZone, f.time_zone == self.time_zone),
            (Language, f.language == self.language),
            (UserAgent, f.user_agent == self.user_agent),
        ]
        .into_iter()
        .find(|(_, same)| !same)
        .map(|(field, _)| field)
    }
}

/// The longest leading part of a BCP 47 tag that is a tag of at most eight characters: its
/// subtags up to an extension or private-use singleton (`de-DE-u-co-phonebk` → `de-DE`).
/// "und" (undetermined) when not even the language subtag is one.
fn language(tag: &str) -> &str {
    let mut end = 0;
    for sub in tag.split('-') {
        let next = if end == 0 { sub.len() } else { end + 1 + sub.len() };
        if sub.len() < 2 || next > MAX_LANGUAGE || !sub.bytes().all(|b| b.is_ascii_alphanumeric()) {
            break;
        }
        end = next;
    }
    if end == 0 {
        "und"
    } else {
        &tag[..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chrome() -> Browser<'static> {
        Browser {
            screen_width: 1920.0,
            screen_height: 1080.0,
            color_depth: 24.0,
            window_width: 600.0,
            window_height: 667.0,
            time_zone: -180.0,
            language: "en-US",
            user_agent: "Mozilla/5.0",
        }
    }

    #[test]
    fn data_within_the_limits_is_left_as_it_is() {
        assert_eq!(chrome().fit(), chrome());
        assert_eq!(chrome().outside(), None);
    }

    #[test]
    fn colour_depth_is_the_nearest_allowed_value_at_or_below() {
        for (raw, sent) in [(30.0, 24.0), (36.0, 32.0), (40.0, 32.0), (64.0, 48.0), (24.0, 24.0), (2.0, 1.0), (0.0, 1.0)] {
            assert_eq!(Browser { color_depth: raw, ..chrome() }.fit().color_depth, sent, "{raw}");
        }
        assert_eq!(Browser { color_depth: 30.0, ..chrome() }.outside(), Some(BrowserField::ColorDepth));
    }

    #[test]
    fn language_is_cut_to_a_valid_tag_of_eight_characters() {
        for (raw, sent) in [
            ("de-DE-u-co-phonebk", "de-DE"),
            ("zh-Hant-TW", "zh-Hant"),
            ("en-US", "en-US"),
            ("sgn-BE-FR", "sgn-BE"),
            ("en-x-private", "en"),
            ("", "und"),
            ("toolonglang", "und"),
        ] {
            assert_eq!(language(raw), sent, "{raw}");
        }
        assert_eq!(Browser { language: "de-DE-u-co-phonebk", ..chrome() }.outside(), Some(BrowserField::Language));
    }

    #[test]
    fn sizes_are_whole_pixels_of_six_digits_and_the_user_agent_2048_characters() {
        let b = Browser { screen_width: 1234.6, window_height: 1e7, window_width: -3.0, screen_height: f64::NAN, ..chrome() }.fit();
        assert_eq!((b.screen_width, b.screen_height, b.window_width, b.window_height), (1235.0, 0.0, 0.0, 999_999.0));
        let long = "é".repeat(3000);
        assert_eq!(Browser { user_agent: &long, ..chrome() }.fit().user_agent.chars().count(), MAX_USER_AGENT);
        assert_eq!(Browser { user_agent: &long, ..chrome() }.outside(), Some(BrowserField::UserAgent));
        assert_eq!(Browser { time_zone: -900.0, ..chrome() }.fit().time_zone, -840.0);
    }
}
