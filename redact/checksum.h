#ifndef BAYYINA_REDACT_CHECKSUM_H_
#define BAYYINA_REDACT_CHECKSUM_H_

// Check-digit algorithms of the identifiers the recognizers confirm. Each function takes the
// compact form (no spaces or dashes); callers strip separators first. All are pure and
// thread-safe.

#include <optional>
#include <string_view>

namespace bayyina::redact {

// Luhn (ISO/IEC 7812-1) over ASCII digits. False for an empty or non-digit string.
bool LuhnValid(std::string_view digits);

// The IBAN length registered for an ISO 3166 country code (upper case), or nullopt for a
// country without IBANs. Iraq ("IQ") is 23.
std::optional<int> IbanLength(std::string_view country);

// ISO 13616: registered country, registered length, and mod-97 == 1. Letters may be either
// case.
bool IbanValid(std::string_view iban);

// Bitcoin Base58Check address (P2PKH / P2SH, main or test net): 25 bytes whose last 4 are the
// double SHA-256 of the first 21.
bool Base58CheckAddressValid(std::string_view address);

// Bitcoin SegWit address (BIP 173 Bech32 for version 0, BIP 350 Bech32m for 1..16), human
// readable part "bc" or "tb", one case only.
bool SegwitAddressValid(std::string_view address);

// ICAO 9303 check digit ('0'..'9') of an MRZ field: weights 7,3,1, '<' counts 0, A..Z 10..35.
// Returns nullopt when `field` holds any other character.
std::optional<char> MrzCheckDigit(std::string_view field);

}  // namespace bayyina::redact

#endif  // BAYYINA_REDACT_CHECKSUM_H_
