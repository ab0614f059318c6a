#include "transfer/cades_profile.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <memory>
#include <set>

#include "absl/strings/str_cat.h"
#include "transfer/digest.h"
#include "transfer/timestamp.h"

namespace bayyina::transfer {
namespace {

template <typename T, void (*F)(T*)>
struct Deleter {
  void operator()(T* p) const { F(p); }
};
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

struct SeqDeleter {
  void operator()(ASN1_SEQUENCE_ANY* s) const { sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free); }
};
using SeqPtr = std::unique_ptr<ASN1_SEQUENCE_ANY, SeqDeleter>;

absl::Status Bad(absl::string_view what) {
  ERR_clear_error();
  return absl::DataLossError(absl::StrCat("signature profile: ", what));
}

// Elements of a DER SEQUENCE or SET, by OpenSSL's generic decoder.
SeqPtr Elements(const unsigned char* der, long len, bool set) {
  const unsigned char* p = der;
  ASN1_SEQUENCE_ANY* s = set ? d2i_ASN1_SET_ANY(nullptr, &p, len)
                             : d2i_ASN1_SEQUENCE_ANY(nullptr, &p, len);
  if (s != nullptr && p != der + len) {
    sk_ASN1_TYPE_pop_free(s, ASN1_TYPE_free);
    return nullptr;
  }
  return SeqPtr(s);
}

bool IntegerIs(const ASN1_TYPE* t, long v) {
  return t != nullptr && ASN1_TYPE_get(t) == V_ASN1_INTEGER &&
         ASN1_INTEGER_get(t->value.integer) == v;
}

bool AlgorithmIs(const X509_ALGOR* alg, std::initializer_list<int> nids, bool params_absent_or_null) {
  const ASN1_OBJECT* obj = nullptr;
  int ptype = 0;
  const void* pval = nullptr;
  X509_ALGOR_get0(&obj, &ptype, &pval, alg);
  int nid = OBJ_obj2nid(obj);
  if (std::find(nids.begin(), nids.end(), nid) == nids.end()) return false;
  return !params_absent_or_null || ptype == V_ASN1_UNDEF || ptype == V_ASN1_NULL;
}

// The version fields OpenSSL parses but neither exposes nor checks: SignedData must be v1 and
// each SignerInfo v1 for issuer-and-serial identification with id-data content (RFC 5652 5.1).
absl::Status CheckVersions(absl::string_view der) {
  SeqPtr ci = Elements(reinterpret_cast<const unsigned char*>(der.data()),
                       static_cast<long>(der.size()), false);
  if (!ci || sk_ASN1_TYPE_num(ci.get()) != 2) return Bad("ContentInfo is not OID + content");
  ASN1_TYPE* explicit0 = sk_ASN1_TYPE_value(ci.get(), 1);
  if (ASN1_TYPE_get(explicit0) != V_ASN1_OTHER) return Bad("content is not [0] EXPLICIT");
  const ASN1_STRING* wrapped = explicit0->value.asn1_string;
  const unsigned char* p = ASN1_STRING_get0_data(wrapped);
  long inner_len = 0;
  int tag = 0, cls = 0;
  int r = ASN1_get_object(&p, &inner_len, &tag, &cls, ASN1_STRING_length(wrapped));
  if ((r & 0x80) || tag != 0 || cls != V_ASN1_CONTEXT_SPECIFIC) return Bad("content tag");
  SeqPtr sd = Elements(p, inner_len, false);
  if (!sd || sk_ASN1_TYPE_num(sd.get()) < 4) return Bad("SignedData shape");
  if (!IntegerIs(sk_ASN1_TYPE_value(sd.get(), 0), 1)) return Bad("SignedData version is not 1");
  ASN1_TYPE* digests = sk_ASN1_TYPE_value(sd.get(), 1);
  if (ASN1_TYPE_get(digests) != V_ASN1_SET) return Bad("digestAlgorithms is not a SET");
  SeqPtr digest_set = Elements(ASN1_STRING_get0_data(digests->value.set),
                               ASN1_STRING_length(digests->value.set), true);
  if (!digest_set || sk_ASN1_TYPE_num(digest_set.get()) != 1 ||
      ASN1_TYPE_get(sk_ASN1_TYPE_value(digest_set.get(), 0)) != V_ASN1_SEQUENCE) {
    return Bad("digestAlgorithms must hold SHA-256 only");
  }
  {
    const ASN1_STRING* a = sk_ASN1_TYPE_value(digest_set.get(), 0)->value.sequence;
    const unsigned char* ap = ASN1_STRING_get0_data(a);
    X509_ALGOR* alg = d2i_X509_ALGOR(nullptr, &ap, ASN1_STRING_length(a));
    bool sha256 = alg != nullptr && AlgorithmIs(alg, {NID_sha256}, true);
    X509_ALGOR_free(alg);
    if (!sha256) return Bad("digestAlgorithms must hold SHA-256 only");
  }
  ASN1_TYPE* signer_infos = sk_ASN1_TYPE_value(sd.get(), sk_ASN1_TYPE_num(sd.get()) - 1);
  if (ASN1_TYPE_get(signer_infos) != V_ASN1_SET) return Bad("signerInfos is not a SET");
  SeqPtr sis = Elements(ASN1_STRING_get0_data(signer_infos->value.set),
                        ASN1_STRING_length(signer_infos->value.set), true);
  if (!sis || sk_ASN1_TYPE_num(sis.get()) != 1) return Bad("there must be exactly one SignerInfo");
  ASN1_TYPE* si = sk_ASN1_TYPE_value(sis.get(), 0);
  if (ASN1_TYPE_get(si) != V_ASN1_SEQUENCE) return Bad("SignerInfo is not a SEQUENCE");
  SeqPtr si_fields = Elements(ASN1_STRING_get0_data(si->value.sequence),
                              ASN1_STRING_length(si->value.sequence), false);
  if (!si_fields || !IntegerIs(sk_ASN1_TYPE_value(si_fields.get(), 0), 1)) {
    return Bad("SignerInfo version is not 1");
  }
  return absl::OkStatus();
}

}  // namespace

CadesCheck CheckDetachedCades(absl::string_view der, absl::string_view content,
                              const std::vector<X509Ptr>& anchors,
                              const std::vector<X509Ptr>& tsa_anchors) {
  CadesCheck out;
  out.chain = absl::FailedPreconditionError("not checked: the signature failed");
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) {
    out.signature = Bad("not a DER CMS structure");
    return out;
  }
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    out.signature = Bad("trailing bytes after the CMS structure");
    return out;
  }
  unsigned char* re = nullptr;
  int re_len = i2d_CMS_ContentInfo(cms.get(), &re);
  bool same = re_len == static_cast<int>(der.size()) && std::equal(re, re + re_len, p - der.size());
  OPENSSL_free(re);
  if (!same) {
    out.signature = Bad("DER does not re-encode identically");
    return out;
  }
  if (absl::Status s = CheckVersions(der); !s.ok()) {
    out.signature = s;
    return out;
  }
  if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed) {
    out.signature = Bad("not SignedData");
    return out;
  }
  if (OBJ_obj2nid(CMS_get0_eContentType(cms.get())) != NID_pkcs7_data ||
      CMS_is_detached(cms.get()) != 1) {
    out.signature = Bad("encapsulated content must be detached id-data");
    return out;
  }
  STACK_OF(X509_CRL)* crls = CMS_get1_crls(cms.get());
  bool has_crls = crls != nullptr && sk_X509_CRL_num(crls) > 0;
  sk_X509_CRL_pop_free(crls, X509_CRL_free);
  if (has_crls) {
    out.signature = Bad("unexpected CRLs");
    return out;
  }
  STACK_OF(CMS_SignerInfo)* sis = CMS_get0_SignerInfos(cms.get());
  if (sk_CMS_SignerInfo_num(sis) != 1) {
    out.signature = Bad("there must be exactly one signer");
    return out;
  }
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(sis, 0);
  EVP_PKEY* pk = nullptr;
  X509* signer_cert = nullptr;
  X509_ALGOR *dig = nullptr, *sig = nullptr;
  CMS_SignerInfo_get0_algs(si, &pk, &signer_cert, &dig, &sig);
  if (!AlgorithmIs(dig, {NID_sha256}, true)) {
    out.signature = Bad("digest algorithm is not SHA-256");
    return out;
  }
  if (!AlgorithmIs(sig, {NID_ecdsa_with_SHA256}, false) &&
      !AlgorithmIs(sig, {NID_rsaEncryption, NID_sha256WithRSAEncryption}, true)) {
    out.signature = Bad("signature algorithm is not ecdsa-with-SHA256 or RSA with SHA-256");
    return out;
  }
  if (AlgorithmIs(sig, {NID_ecdsa_with_SHA256}, false)) {
    const ASN1_OBJECT* obj;
    int ptype;
    const void* pval;
    X509_ALGOR_get0(&obj, &ptype, &pval, sig);
    if (ptype != V_ASN1_UNDEF) {
      out.signature = Bad("ecdsa-with-SHA256 must have absent parameters");
      return out;
    }
  }
  // Signed attributes: exactly the CAdES-BES four, each single-valued.
  const std::set<int> expected = {NID_pkcs9_contentType, NID_pkcs9_signingTime,
                                  NID_pkcs9_messageDigest, NID_id_smime_aa_signingCertificateV2};
  std::set<int> seen;
  int n = CMS_signed_get_attr_count(si);
  for (int i = 0; i < n; ++i) {
    X509_ATTRIBUTE* a = CMS_signed_get_attr(si, i);
    int nid = OBJ_obj2nid(X509_ATTRIBUTE_get0_object(a));
    if (!expected.count(nid) || !seen.insert(nid).second || X509_ATTRIBUTE_count(a) != 1) {
      out.signature = Bad("signed attributes are not exactly contentType, signingTime, "
                          "messageDigest and signingCertificateV2");
      return out;
    }
  }
  if (seen != expected) {
    out.signature = Bad("a CAdES-BES signed attribute is missing");
    return out;
  }
  // Unsigned attributes: nothing, or one signature timestamp (checked once the signature holds).
  const ASN1_STRING* token = nullptr;
  int un = CMS_unsigned_get_attr_count(si);
  if (un > 1) {
    out.signature = Bad("unexpected unsigned attributes");
    return out;
  }
  if (un == 1) {
    X509_ATTRIBUTE* a = CMS_unsigned_get_attr(si, 0);
    ASN1_TYPE* v = X509_ATTRIBUTE_count(a) == 1 ? X509_ATTRIBUTE_get0_type(a, 0) : nullptr;
    if (OBJ_obj2nid(X509_ATTRIBUTE_get0_object(a)) != NID_id_smime_aa_timeStampToken) {
      out.signature = Bad("unexpected unsigned attribute");
      return out;
    }
    if (v == nullptr || ASN1_TYPE_get(v) != V_ASN1_SEQUENCE) {
      out.signature = Bad("the signature timestamp is not one TimeStampToken");
      return out;
    }
    token = v->value.sequence;
    out.has_timestamp = true;
  }
  const ASN1_OBJECT* ct = static_cast<const ASN1_OBJECT*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_contentType), -3, V_ASN1_OBJECT));
  if (ct == nullptr || OBJ_obj2nid(ct) != NID_pkcs7_data) {
    out.signature = Bad("contentType attribute is not id-data");
    return out;
  }
  const ASN1_OCTET_STRING* md = static_cast<const ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (md == nullptr || ASN1_STRING_length(md) != 32) {
    out.signature = Bad("messageDigest is not a SHA-256 value");
    return out;
  }
  X509_ATTRIBUTE* time_attr =
      CMS_signed_get_attr(si, CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1));
  ASN1_TYPE* tv = X509_ATTRIBUTE_get0_type(time_attr, 0);
  if (tv == nullptr || (ASN1_TYPE_get(tv) != V_ASN1_UTCTIME && ASN1_TYPE_get(tv) != V_ASN1_GENERALIZEDTIME)) {
    out.signature = Bad("signingTime is not a time");
    return out;
  }
  const ASN1_TIME* signing_time = reinterpret_cast<const ASN1_TIME*>(tv->value.asn1_string);
  if (ASN1_TIME_check(signing_time) != 1) {
    out.signature = Bad("signingTime is malformed");
    return out;
  }
  time_t limit = std::time(nullptr) + 300;
  if (X509_cmp_time(signing_time, &limit) > 0) {
    out.signature = Bad("signingTime is in the future");
    return out;
  }
  out.signing_time.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(signing_time)),
                          ASN1_STRING_length(signing_time));

  // The signer certificate, among the embedded ones.
  STACK_OF(X509)* certs = CMS_get1_certs(cms.get());
  std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> certs_guard(
      certs, [](STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); });
  X509* signer = nullptr;
  for (int i = 0; certs != nullptr && i < sk_X509_num(certs); ++i) {
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs, i)) == 0) signer = sk_X509_value(certs, i);
  }
  if (signer == nullptr) {
    out.signature = Bad("the signer certificate is not embedded");
    return out;
  }
  out.signer_subject = CertificateSubject(signer);
  // The signer identifier is outside what the signature covers, and OpenSSL keeps (and
  // re-encodes) a Name's bytes as read while matching it on a canonical form, so a changed tag
  // byte there would slip through: require the exact bytes of the certificate's issuer.
  {
    ASN1_OCTET_STRING* keyid = nullptr;
    X509_NAME* issuer = nullptr;
    ASN1_INTEGER* serial = nullptr;
    unsigned char *a = nullptr, *b = nullptr;
    bool same_issuer = false;
    if (CMS_SignerInfo_get0_signer_id(si, &keyid, &issuer, &serial) == 1 && issuer != nullptr) {
      int la = i2d_X509_NAME(issuer, &a);
      int lb = i2d_X509_NAME(X509_get_issuer_name(signer), &b);
      same_issuer = la > 0 && la == lb && std::equal(a, a + la, b) &&
                    ASN1_INTEGER_cmp(serial, X509_get0_serialNumber(signer)) == 0;
    }
    OPENSSL_free(a);
    OPENSSL_free(b);
    if (!same_issuer) {
      out.signature = Bad("signer identifier is not exactly the certificate's issuer and serial");
      return out;
    }
  }
  // signingCertificateV2 must name exactly this certificate.
  const ASN1_STRING* scv2 = static_cast<const ASN1_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_id_smime_aa_signingCertificateV2), -3, V_ASN1_SEQUENCE));
  if (scv2 == nullptr) {
    out.signature = Bad("signingCertificateV2 is not a SEQUENCE");
    return out;
  }
  const unsigned char* sp = ASN1_STRING_get0_data(scv2);
  ESS_SIGNING_CERT_V2* ess = d2i_ESS_SIGNING_CERT_V2(nullptr, &sp, ASN1_STRING_length(scv2));
  STACK_OF(X509)* just_signer = sk_X509_new_null();
  sk_X509_push(just_signer, signer);
  int ess_ok = ess ? OSSL_ESS_check_signing_certs(nullptr, ess, just_signer, 1) : 0;
  sk_X509_free(just_signer);
  ESS_SIGNING_CERT_V2_free(ess);
  if (ess_ok <= 0) {
    out.signature = Bad("signingCertificateV2 does not match the signer certificate");
    return out;
  }
  // The signature over the signed attributes first: when it holds but the content digest
  // differs, the content changed; when it fails, the signature itself was damaged.
  CMS_SignerInfo_set1_signer_cert(si, signer);
  if (CMS_SignerInfo_verify(si) != 1) {
    out.signature = absl::DataLossError(absl::StrCat("signature value does not verify (",
                                                     OpenSslError(), ")"));
    return out;
  }
  Sha256Digest want = Sha256(content);
  if (!std::equal(want.begin(), want.end(), ASN1_STRING_get0_data(md))) {
    out.content_changed = true;
    out.signature = absl::DataLossError("the signed content digest does not match the manifest");
    return out;
  }
  // And the whole, as `openssl cms -verify` does it.
  BioPtr data(BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));
  if (CMS_verify(cms.get(), nullptr, nullptr, data.get(), nullptr,
                 CMS_BINARY | CMS_DETACHED | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    out.signature = absl::DataLossError(absl::StrCat("signature value does not verify (",
                                                     OpenSslError(), ")"));
    return out;
  }
  out.signature = absl::OkStatus();

  if (token != nullptr) {
    const ASN1_OCTET_STRING* value = CMS_SignerInfo_get0_signature(si);
    absl::StatusOr<TimestampInfo> ts = CheckSignatureTimestamp(
        absl::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(token)),
                          ASN1_STRING_length(token)),
        absl::string_view(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)),
                          ASN1_STRING_length(value)),
        tsa_anchors);
    out.timestamp = ts.status();
    if (ts.ok()) {
      out.timestamp_time = ts->gen_time;
      out.tsa_subject = ts->tsa_subject;
    }
  }

  // The chain.
  if (anchors.empty()) {
    out.chain = absl::FailedPreconditionError("signer not trusted: no trust anchor (--ca) given");
    return out;
  }
  std::unique_ptr<X509_STORE, void (*)(X509_STORE*)> store(X509_STORE_new(), X509_STORE_free);
  for (const auto& a : anchors) X509_STORE_add_cert(store.get(), a.get());
  std::unique_ptr<X509_STORE_CTX, void (*)(X509_STORE_CTX*)> ctx(X509_STORE_CTX_new(),
                                                                X509_STORE_CTX_free);
  X509_STORE_CTX_init(ctx.get(), store.get(), signer, certs);
  X509_STORE_CTX_set_purpose(ctx.get(), X509_PURPOSE_SMIME_SIGN);
  if (X509_verify_cert(ctx.get()) != 1) {
    out.chain = absl::DataLossError(absl::StrCat(
        "certificate chain: ", X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get()))));
    ERR_clear_error();
    return out;
  }
  out.chain = absl::OkStatus();
  return out;
}

}  // namespace bayyina::transfer
