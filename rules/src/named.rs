//! Enums whose variants have wire names (`SETTLED`, `visa`): each name is written once, on
//! its variant, and `as_str`, `parse`, `ALL` and the serde form derive from it. The names
//! are one `static` indexed by the variant: a `match` would compile to a copy of them in
//! each function that inlines it.

macro_rules! named {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
        #[serde(into = "&'static str")]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                static NAMES: &[&str] = &[$($text),*];
                NAMES[self as usize]
            }

            /// The variant of a wire name.
            pub fn parse(name: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == name)
            }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.as_str()
            }
        }
    };
}
