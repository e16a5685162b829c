//! A field whose words a gateway documents (`result`, `status`): read into the rules
//! crate's enum of them, with a word it does not document kept as said.

use checkout_rules::answer::ResultCode;
use checkout_rules::{PayCrossStatus, TxStatus};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The rules crate's `named!` enums that gateways answer with.
pub trait Named: Copy + PartialEq + std::fmt::Debug + 'static {
    fn as_str(self) -> &'static str;
    fn parse(name: &str) -> Option<Self>;
}

// The backend's alone, so here and not in the rules crate's `named!`: impls there move the
// widget's bytes (BENCHMARKS.md, 2026-12-07).
macro_rules! gateway_words {
    ($($name:ident),*) => {$(
        impl Named for $name {
            fn as_str(self) -> &'static str {
                $name::as_str(self)
            }

            fn parse(name: &str) -> Option<$name> {
                $name::parse(name)
            }
        }
    )*};
}

gateway_words!(ResultCode, TxStatus, PayCrossStatus);

/// One of the documented words (`T`), or another. Another word reads as an answer still,
/// and as no clear one: what it decides is up to the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Word<T: Named> {
    Said(T),
    Other(String),
}

impl<T: Named> Word<T> {
    /// The documented word, if it is one.
    pub fn known(&self) -> Option<T> {
        match self {
            Word::Said(t) => Some(*t),
            Word::Other(_) => None,
        }
    }

    /// A word as read from the wire.
    pub fn read(word: String) -> Word<T> {
        T::parse(&word).map_or(Word::Other(word), Word::Said)
    }

    /// The word as written on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Word::Said(t) => t.as_str(),
            Word::Other(word) => word,
        }
    }
}

/// No word: what a transaction is built from before its status is set.
impl<T: Named> Default for Word<T> {
    fn default() -> Word<T> {
        Word::Other(String::new())
    }
}

impl<T: Named> From<T> for Word<T> {
    fn from(t: T) -> Word<T> {
        Word::Said(t)
    }
}

impl<'de, T: Named> Deserialize<'de> for Word<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Word<T>, D::Error> {
        String::deserialize(d).map(Word::read)
    }
}

impl<T: Named> Serialize for Word<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Word;
    use checkout_rules::TxStatus;

    #[test]
    fn a_documented_word_reads_as_its_variant_and_another_is_kept_as_said() {
        let read = |json: &str| serde_json::from_str::<Word<TxStatus>>(json).unwrap();
        assert_eq!(read(r#""SETTLED""#), Word::Said(TxStatus::Settled));
        assert_eq!(read(r#""SETTLED_LATER""#), Word::Other("SETTLED_LATER".into()));
        assert_eq!(serde_json::to_string(&read(r#""SETTLED_LATER""#)).unwrap(), r#""SETTLED_LATER""#);
        assert_eq!(serde_json::to_string(&Word::from(TxStatus::ThreeDs)).unwrap(), r#""3DS""#);
    }
}
