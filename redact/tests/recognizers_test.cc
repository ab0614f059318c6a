// Test vectors per entity type: values that must be found, in Arabic, Sorani, Kurmanji and
// English sentences, and near misses (broken check digits, wrong lengths, no context) that must
// not be reported.

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "redact/tests/test_util.h"

namespace bayyina::redact {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;
using testing::Hits;
using text::Language;

constexpr Language kAr = Language::kArabic;
constexpr Language kCkb = Language::kSorani;
constexpr Language kKmr = Language::kKurmanji;
constexpr Language kEn = Language::kEnglish;

TEST(PhoneTest, IraqiFormsAndDigitGroups) {
  EXPECT_THAT(Hits("اتصل المتهم من الرقم 07701234567 مساء", kAr),
              Contains(Pair("PHONE_NUMBER", "07701234567")));
  EXPECT_THAT(Hits("رقم الهاتف: 0770 123 4567", kAr),
              Contains(Pair("PHONE_NUMBER", "0770 123 4567")));
  EXPECT_THAT(Hits("هاتف +964 750 123 4567 فقط", kAr),
              Contains(Pair("PHONE_NUMBER", "+964 750 123 4567")));
  EXPECT_THAT(Hits("ژمارەی مۆبایل 00964-781-234-5678", kCkb),
              Contains(Pair("PHONE_NUMBER", "00964-781-234-5678")));
  EXPECT_THAT(Hits("Telefona wî 0750 987 6543 e.", kKmr),
              Contains(Pair("PHONE_NUMBER", "0750 987 6543")));
}

TEST(PhoneTest, ArabicIndicDigitsAreFolded) {
  // ٠٧٧٠١٢٣٤٥٦٧ written in Arabic-Indic digits.
  EXPECT_THAT(Hits("الهاتف \u0660\u0667\u0667\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667", kAr),
              Contains(Pair("PHONE_NUMBER",
                            "\u0660\u0667\u0667\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667")));
}

TEST(PhoneTest, OtherRegions) {
  EXPECT_THAT(Hits("call +49 30 12345678 or +44 20 7946 0958", kEn),
              Contains(Pair("PHONE_NUMBER", "+49 30 12345678")));
  EXPECT_THAT(Hits("call +49 30 12345678 or +44 20 7946 0958", kEn),
              Contains(Pair("PHONE_NUMBER", "+44 20 7946 0958")));
}

TEST(PhoneTest, NearMisses) {
  // A date and a year are not phone numbers; neither is a short number.
  EXPECT_THAT(Hits("بتاريخ 15-01-2020 الساعة 10", kAr),
              Not(Contains(Pair("PHONE_NUMBER", ::testing::_))));
  EXPECT_THAT(Hits("القضية 1234 لسنة 2020", kAr), IsEmpty());
}

TEST(EmailUrlIpTest, Found) {
  EXPECT_THAT(Hits("البريد ahmed.ali@example.iq والموقع https://example.com/a?b=1.", kAr),
              Contains(Pair("EMAIL_ADDRESS", "ahmed.ali@example.iq")));
  EXPECT_THAT(Hits("البريد ahmed.ali@example.iq والموقع https://example.com/a?b=1.", kAr),
              Contains(Pair("URL", "https://example.com/a?b=1")));
  EXPECT_THAT(Hits("Serdana www.rudaw.net bike", kKmr), Contains(Pair("URL", "www.rudaw.net")));
  EXPECT_THAT(Hits("from 192.168.10.25 and 2001:db8::8a2e:370:7334 at 10:30:45", kEn),
              Contains(Pair("IP_ADDRESS", "192.168.10.25")));
  EXPECT_THAT(Hits("from 192.168.10.25 and 2001:db8::8a2e:370:7334 at 10:30:45", kEn),
              Contains(Pair("IP_ADDRESS", "2001:db8::8a2e:370:7334")));
  EXPECT_THAT(Hits("version 1.2.3.4.5 and 300.1.1.1 at 10:30:45", kEn), IsEmpty());
}

TEST(IbanTest, FoundAndNearMiss) {
  EXPECT_THAT(Hits("رقم الحساب IQ98 NBIQ 8501 2345 6789 012 في المصرف", kAr),
              Contains(Pair("IBAN_CODE", "IQ98 NBIQ 8501 2345 6789 012")));
  EXPECT_THAT(Hits("IBAN: DE89370400440532013000", kEn),
              Contains(Pair("IBAN_CODE", "DE89370400440532013000")));
  EXPECT_THAT(Hits("IBAN: DE89370400440532013001", kEn),
              Not(Contains(Pair("IBAN_CODE", ::testing::_))));
  EXPECT_THAT(Hits("رقم الحساب IQ98 NBIQ 8501 2345 6789 013", kAr),
              Not(Contains(Pair("IBAN_CODE", ::testing::_))));
}

TEST(CreditCardTest, FoundAndNearMiss) {
  EXPECT_THAT(Hits("بطاقة فيزا 4111 1111 1111 1111 باسم المتهم", kAr),
              Contains(Pair("CREDIT_CARD", "4111 1111 1111 1111")));
  EXPECT_THAT(Hits("card 5500-0000-0000-0004", kEn),
              Contains(Pair("CREDIT_CARD", "5500-0000-0000-0004")));
  EXPECT_THAT(Hits("card 4111 1111 1111 1112", kEn),
              Not(Contains(Pair("CREDIT_CARD", ::testing::_))));
}

TEST(CryptoTest, FoundAndNearMiss) {
  EXPECT_THAT(Hits("محفظة بيتكوين 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", kAr),
              Contains(Pair("CRYPTO", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")));
  // English text is case-folded by the normalizer; the check runs on the original.
  EXPECT_THAT(Hits("wallet 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", kEn),
              Contains(Pair("CRYPTO", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")));
  EXPECT_THAT(Hits("wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", kEn),
              Contains(Pair("CRYPTO", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")));
  EXPECT_THAT(Hits("wallet 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", kEn),
              Not(Contains(Pair("CRYPTO", ::testing::_))));
  EXPECT_THAT(Hits("wallet bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", kEn),
              Not(Contains(Pair("CRYPTO", ::testing::_))));
}

TEST(NationalIdTest, ContextGated) {
  EXPECT_THAT(Hits("الرقم الوطني 199012345678 صادر من بغداد", kAr),
              Contains(Pair("NATIONAL_ID", "199012345678")));
  EXPECT_THAT(Hits("رقم البطاقة الوطنية AB1234567", kAr),
              Contains(Pair("NATIONAL_ID", "AB1234567")));
  EXPECT_THAT(Hits("ژمارەی ناسنامە 199012345678", kCkb),
              Contains(Pair("NATIONAL_ID", "199012345678")));
  // Without a cue a 12-digit number stays below the threshold.
  EXPECT_THAT(Hits("المبلغ 199012345678 دينار", kAr),
              Not(Contains(Pair("NATIONAL_ID", ::testing::_))));
}

constexpr char kPassportMrz[] =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n";

TEST(MrzTest, PassportZoneFieldsAreCheckedAndReported) {
  auto hits = Hits(std::string("Passport\n") + kPassportMrz, kEn);
  EXPECT_THAT(hits, Contains(Pair("PASSPORT", "L898902C3")));
  EXPECT_THAT(hits, Contains(Pair("DATE_OF_BIRTH", "740812")));
  EXPECT_THAT(hits, Contains(Pair("PERSON", "ERIKSSON<<ANNA<MARIA")));
  EXPECT_THAT(hits, Contains(Pair("NATIONAL_ID", "ZE184226B")));
}

TEST(MrzTest, BrokenDocumentNumberCheckDigitIsNotReported) {
  std::string broken = kPassportMrz;
  broken[44 + 9] = '7';  // document number check digit 6 -> 7
  auto hits = Hits(broken, kEn);
  EXPECT_THAT(hits, Not(Contains(Pair("PASSPORT", ::testing::_))));
  EXPECT_THAT(hits, Contains(Pair("DATE_OF_BIRTH", "740812")));  // its own check still holds
}

TEST(MrzTest, IdCardZone) {
  auto hits = Hits(
      "I<UTOD231458907<<<<<<<<<<<<<<<\n"
      "7408122F1204159UTO<<<<<<<<<<<6\n"
      "ERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
      kEn);
  EXPECT_THAT(hits, Contains(Pair("NATIONAL_ID", "D23145890")));
  EXPECT_THAT(hits, Contains(Pair("DATE_OF_BIRTH", "740812")));
}

TEST(PassportTest, ContextAndMrzConfirmation) {
  EXPECT_THAT(Hits("رقم جواز السفر A12345678 صادر في بغداد", kAr),
              Contains(Pair("PASSPORT", "A12345678")));
  EXPECT_THAT(Hits("الرمز A12345678 في الملف", kAr),
              Not(Contains(Pair("PASSPORT", ::testing::_))));
}

TEST(DateTest, NumericMonthNamesHijriAndBirth) {
  EXPECT_THAT(Hits("حضر بتاريخ 15/01/2020 الى المركز", kAr),
              Contains(Pair("DATE_TIME", "15/01/2020")));
  EXPECT_THAT(Hits("المتهم من مواليد 3 آذار 1985", kAr),
              Contains(Pair("DATE_OF_BIRTH", "3 آذار 1985")));
  EXPECT_THAT(Hits("في 12 كانون الثاني 2021 وقعت الحادثة", kAr),
              Contains(Pair("DATE_TIME", "12 كانون الثاني 2021")));
  EXPECT_THAT(Hits("بتاريخ 5 رمضان 1444 هـ", kAr), Contains(Pair("DATE_TIME", "5 رمضان 1444 هـ")));
  EXPECT_THAT(Hits("تولد 1990 بغداد", kAr), Contains(Pair("DATE_OF_BIRTH", "1990")));
  EXPECT_THAT(Hits("لە 20 ی ئازار 2019", kCkb), Contains(Pair("DATE_TIME", "ئازار 2019")));
  EXPECT_THAT(Hits("Date of birth: 1985-03-02", kEn),
              Contains(Pair("DATE_OF_BIRTH", "1985-03-02")));
  EXPECT_THAT(Hits("on January 15, 2020 he left", kEn),
              Contains(Pair("DATE_TIME", "January 15, 2020")));
  EXPECT_THAT(Hits("Di 12ê Gulana 2020 de", kKmr), Contains(Pair("DATE_TIME", "Gulana 2020")));
  // Not dates: 45/13/2020, a lone year without birth context.
  EXPECT_THAT(Hits("الرقم 45/13/2020 في سنة 2020", kAr),
              Not(Contains(Pair("DATE_TIME", ::testing::_))));
}

TEST(AddressTest, IraqiAndKurdishStyle) {
  EXPECT_THAT(Hits("الساكن في بغداد محلة 905 زقاق 12 دار 7 قرب الجامع", kAr),
              Contains(Pair("ADDRESS", "محلة 905 زقاق 12 دار 7")));
  EXPECT_THAT(Hits("دانیشتووی گەڕەکی ئازادی کۆڵان 14 خانوو 22", kCkb),
              Contains(Pair("ADDRESS", "گەڕەکی ئازادی کۆڵان 14 خانوو 22")));
  EXPECT_THAT(Hits("navnîşan: Taxa Zanko, Kolan 5, Xanî 31", kKmr),
              Contains(Pair("ADDRESS", "Taxa Zanko, Kolan 5, Xanî 31")));
  // The one-letter short forms count in a chain, not alone before a number.
  EXPECT_THAT(Hits("العنوان م 905 ز 12 د 7", kAr), Contains(Pair("ADDRESS", "م 905 ز 12 د 7")));
  EXPECT_THAT(Hits("الصفحة ز 0 من الملف", kAr), Not(Contains(Pair("ADDRESS", ::testing::_))));
}

TEST(VehiclePlateTest, UnifiedAndOld) {
  EXPECT_THAT(Hits("السيارة المرقمة 11 A 23456 بغداد", kAr),
              Contains(Pair("VEHICLE_PLATE", "11 A 23456")));
  EXPECT_THAT(Hits("سيارة بغداد خصوصي \u0661\u0662\u0663\u0664\u0665", kAr),
              Contains(Pair("VEHICLE_PLATE", "بغداد خصوصي \u0661\u0662\u0663\u0664\u0665")));
  EXPECT_THAT(Hits("بغداد 2020", kAr), Not(Contains(Pair("VEHICLE_PLATE", ::testing::_))));
  // Name, number and series letter need no cue; a year and a conjunction are no plate.
  EXPECT_THAT(Hits("شوهدت في كربلاء ١٣٥١٨ د قرب المكان", kAr),
              Contains(Pair("VEHICLE_PLATE", "كربلاء ١٣٥١٨ د")));
  EXPECT_THAT(Hits("في بغداد 2020 و 2021", kAr), Not(Contains(Pair("VEHICLE_PLATE", ::testing::_))));
  EXPECT_THAT(Hits("Wesayîta bi plakaya Akrê 08399 A li nêzîk", kKmr),
              Contains(Pair("VEHICLE_PLATE", "Akrê 08399 A")));
  EXPECT_THAT(Hits("plate 35 B 1234", kEn), Not(Contains(Pair("VEHICLE_PLATE", ::testing::_))));
}

TEST(PersonTest, CuesGazetteerAndChains) {
  EXPECT_THAT(Hits("اعترف المتهم علي حسين كاظم بالسرقة", kAr),
              Contains(Pair("PERSON", "علي حسين كاظم")));
  // A name outside the gazetteer after a cue.
  EXPECT_THAT(Hits("افاد الشاهد زهوان قطيفان انه", kAr),
              Contains(Pair("PERSON", "زهوان قطيفان")));
  EXPECT_THAT(Hits("وحضر محمد جاسم الجبوري الى المركز", kAr),
              Contains(Pair("PERSON", "محمد جاسم الجبوري")));
  EXPECT_THAT(Hits("أحمد بن عبد الله", kAr), Contains(Pair("PERSON", "أحمد بن عبد الله")));
  EXPECT_THAT(Hits("تۆمەتبار ئازاد عومەر گوتی", kCkb), Contains(Pair("PERSON", "ئازاد عومەر")));
  EXPECT_THAT(Hits("Gumanbar Rêzan Birahîm got ku", kKmr),
              Contains(Pair("PERSON", "Rêzan Birahîm")));
  // Kurmanji letters outside ASCII are Latin: a capitalised surname outside the gazetteer
  // goes with the given name before it, a lower-case word does not.
  EXPECT_THAT(Hits("Navê tevahî: Şêrko Îbrahîm", kKmr),
              Contains(Pair("PERSON", "Şêrko Îbrahîm")));
  EXPECT_THAT(Hits("Şêrko çûye malê", kKmr), Not(Contains(Pair("PERSON", "Şêrko çûye"))));
  // A given name and a name in its Sorani spelling (ڕەسوڵ for the listed رسول) are a chain;
  // the given name alone is also a common word and no finding.
  EXPECT_THAT(Hits("ژیان ڕەسوڵ هاتە بنکەی پۆلیس", kCkb), Contains(Pair("PERSON", "ژیان ڕەسوڵ")));
  EXPECT_THAT(Hits("ژیان خۆشە", kCkb), Not(Contains(Pair("PERSON", ::testing::_))));
  // OCR split the article off a family name: the name is still found with the word before it.
  EXPECT_THAT(Hits("حضر كريم ال جبوري الى المركز", kAr),
              Contains(Pair("PERSON", "كريم ال جبوري")));
  EXPECT_THAT(Hits("ذهب الى ال بيت", kAr), Not(Contains(Pair("PERSON", ::testing::_))));
  EXPECT_THAT(Hits("The witness Kevin Osterhagen said", kEn),
              Contains(Pair("PERSON", "Kevin Osterhagen")));
  EXPECT_THAT(Hits("we will mark the rose", kEn), IsEmpty());
}

}  // namespace
}  // namespace bayyina::redact
