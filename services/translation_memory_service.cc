#include "services/translation_memory_service.h"

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bayyina/v1/translation_memory.grpc.pb.h"
#include "redact/tm_scrubber.h"
#include "services/log.h"
#include "services/status.h"
#include "tm/match_key.h"
#include "tm/tbx.h"
#include "tm/tmx.h"
#include "tm/translation_memory.h"

namespace bayyina::services {
namespace {

constexpr int kMaxBatch = 1000;
constexpr size_t kChunk = 1 << 20;

absl::StatusOr<tm::Scope> ScopeOf(const v1::Scope& scope) {
  if (scope.id().empty()) return tm::Scope::Shared();
  return tm::Scope::Parse(scope.id());
}

absl::Status CheckLanguage(const std::string& code, absl::string_view field) {
  if (!tm::IsValidLanguageTag(code)) {
    return absl::InvalidArgumentError(absl::StrCat(field, " must be a BCP-47 language code"));
  }
  return absl::OkStatus();
}

v1::TranslationUnit ToProto(const tm::TranslationUnit& u) {
  v1::TranslationUnit out;
  out.set_id(std::to_string(u.id));
  out.set_source_language(u.source_lang);
  out.set_target_language(u.target_lang);
  out.set_source(u.source.text);
  out.set_target(u.target.text);
  out.set_origin(u.origin);
  out.set_creator(u.creator);
  out.set_domain(u.domain);
  out.set_usage_count(u.usage_count);
  out.mutable_scope()->set_id(u.scope.ToString());
  out.set_created_unix(absl::ToUnixSeconds(u.created));
  out.set_changed_unix(absl::ToUnixSeconds(u.changed));
  return out;
}

int32_t CodePoints(absl::string_view text, size_t bytes) {
  int32_t n = 0;
  for (size_t i = 0; i < bytes && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// Sends what is written to it as FileChunk messages of up to 1 MiB.
class ChunkWriter : public std::streambuf {
 public:
  explicit ChunkWriter(grpc::ServerWriter<v1::FileChunk>* writer) : writer_(writer) {
    buffer_.resize(kChunk);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  bool Flush() {
    const std::ptrdiff_t n = pptr() - pbase();
    if (n > 0) {
      v1::FileChunk chunk;
      chunk.set_data(buffer_.data(), static_cast<size_t>(n));
      if (!writer_->Write(chunk)) return false;
    }
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return true;
  }

 protected:
  int_type overflow(int_type c) override {
    if (!Flush()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return Flush() ? 0 : -1; }

 private:
  grpc::ServerWriter<v1::FileChunk>* writer_;
  std::vector<char> buffer_;
};

class TranslationMemoryServiceImpl final : public v1::TranslationMemoryService::Service {
 public:
  TranslationMemoryServiceImpl(std::unique_ptr<redact::TmScrubber> scrubber,
                               std::unique_ptr<tm::TranslationMemory> memory,
                               ServiceOptions options)
      : scrubber_(std::move(scrubber)), memory_(std::move(memory)), options_(options) {}

  grpc::Status Lookup(grpc::ServerContext*, const v1::LookupRequest* request,
                      v1::LookupResponse* response) override {
    return ToGrpcStatus(DoLookup(*request, response));
  }

  grpc::Status AddUnits(grpc::ServerContext*, const v1::AddUnitsRequest* request,
                        v1::AddUnitsResponse* response) override {
    std::vector<tm::TranslationUnit> units;
    for (int i = 0; i < request->units_size(); ++i) {
      const v1::TranslationUnit& p = request->units(i);
      absl::StatusOr<tm::Scope> scope = ScopeOf(p.scope());
      if (!scope.ok()) {
        return ToGrpcStatus(absl::InvalidArgumentError(
            absl::StrCat("unit ", i + 1, ": ", scope.status().message())));
      }
      for (const auto& [text, field] : {std::pair{&p.source(), "source"}, {&p.target(), "target"},
                                        {&p.origin(), "origin"}, {&p.creator(), "creator"},
                                        {&p.domain(), "domain"}}) {
        const std::string name = absl::StrCat("unit ", i + 1, " ", field);
        if (absl::Status s = CheckUtf8Field(*text, name); !s.ok()) return ToGrpcStatus(s);
      }
      tm::TranslationUnit u;
      u.source_lang = p.source_language();
      u.target_lang = p.target_language();
      u.source = tm::Segment(p.source());
      u.target = tm::Segment(p.target());
      u.origin = p.origin();
      u.creator = p.creator();
      u.domain = p.domain();
      u.scope = *scope;
      units.push_back(std::move(u));
    }
    if (units.empty()) return ToGrpcStatus(absl::InvalidArgumentError("no units"));
    absl::StatusOr<std::vector<tm::AddResult>> added = memory_->Add(std::move(units));
    Log(added.ok() ? LogLevel::kInfo : LogLevel::kWarning, "tm.add",
        {{"units", static_cast<long long>(request->units_size())}});
    if (!added.ok()) return ToGrpcStatus(added.status());
    for (const tm::AddResult& r : *added) response->add_ids(std::to_string(r.id));
    return grpc::Status::OK;
  }

  grpc::Status UpdateUnit(grpc::ServerContext*, const v1::UpdateUnitRequest* request,
                          v1::UpdateUnitResponse* response) override {
    int64_t id = 0;
    if (!absl::SimpleAtoi(request->id(), &id) || id <= 0) {
      return ToGrpcStatus(absl::InvalidArgumentError("id is not a unit id"));
    }
    if (absl::Status s = CheckUtf8Field(request->target(), "target"); !s.ok()) return ToGrpcStatus(s);
    absl::StatusOr<std::vector<tm::TranslationUnit>> found = memory_->store().Get({id});
    if (!found.ok()) return ToGrpcStatus(found.status());
    if (found->empty()) {
      return ToGrpcStatus(absl::NotFoundError(absl::StrCat("no translation unit ", id)));
    }
    tm::TranslationUnit unit = (*found)[0];
    unit.target = tm::Segment(request->target());
    if (absl::Status s = memory_->Update(unit); !s.ok()) return ToGrpcStatus(s);
    absl::StatusOr<std::vector<tm::TranslationUnit>> after = memory_->store().Get({id});
    if (!after.ok() || after->empty()) return ToGrpcStatus(absl::InternalError("unit vanished"));
    *response->mutable_unit() = ToProto((*after)[0]);
    return grpc::Status::OK;
  }

  grpc::Status ImportTmx(grpc::ServerContext*, grpc::ServerReader<v1::ImportTmxRequest>* reader,
                         v1::ImportTmxResponse* response) override {
    v1::ImportTmxRequest request;
    if (!reader->Read(&request) || !request.has_options()) {
      return ToGrpcStatus(absl::InvalidArgumentError("the first message must hold the options"));
    }
    absl::StatusOr<tm::Scope> scope = ScopeOf(request.options().scope());
    if (!scope.ok()) return ToGrpcStatus(scope.status());
    if (absl::Status s = CheckUtf8Field(request.options().origin(), "origin"); !s.ok()) {
      return ToGrpcStatus(s);
    }
    tm::TmxImportOptions options;
    options.scope = *scope;
    options.origin = request.options().origin().empty() ? "upload" : request.options().origin();
    absl::StatusOr<std::string> data = ReadUpload(reader, &request);  // reuses `request`
    if (!data.ok()) return ToGrpcStatus(data.status());
    std::istringstream in(*std::move(data));
    absl::StatusOr<tm::TmxImportReport> report = tm::ImportTmx(in, options, *memory_);
    if (!report.ok()) return ToGrpcStatus(report.status());
    Log(LogLevel::kInfo, "tm.import_tmx",
        {{"read", static_cast<long long>(report->units_read)},
         {"imported", static_cast<long long>(report->units_added)},
         {"problems", static_cast<long long>(report->issue_count)}});
    response->set_imported(static_cast<int64_t>(report->units_added));
    response->set_skipped(static_cast<int64_t>(report->issue_count));
    for (const tm::TmxIssue& i : report->issues) {
      v1::ImportProblem* p = response->add_problems();
      p->set_line(i.line);
      p->set_message(i.message);
    }
    return grpc::Status::OK;
  }

  grpc::Status ExportTmx(grpc::ServerContext*, const v1::ExportTmxRequest* request,
                         grpc::ServerWriter<v1::FileChunk>* writer) override {
    tm::UnitFilter filter;
    if (!request->source_language().empty()) {
      if (absl::Status s = CheckLanguage(request->source_language(), "source_language");
          !s.ok()) {
        return ToGrpcStatus(s);
      }
      filter.source_lang = request->source_language();
    }
    if (!request->target_language().empty()) {
      if (absl::Status s = CheckLanguage(request->target_language(), "target_language");
          !s.ok()) {
        return ToGrpcStatus(s);
      }
      filter.target_lang = request->target_language();
    }
    absl::StatusOr<tm::Scope> scope = ScopeOf(request->scope());
    if (!scope.ok()) return ToGrpcStatus(scope.status());
    filter.scopes = {scope->ToString()};
    ChunkWriter chunks(writer);
    std::ostream out(&chunks);
    absl::StatusOr<size_t> n = tm::ExportTmx(memory_->store(), filter, out);
    if (!n.ok()) return ToGrpcStatus(n.status());
    if (!chunks.Flush()) return ToGrpcStatus(absl::UnavailableError("the client went away"));
    return grpc::Status::OK;
  }

  grpc::Status Concordance(grpc::ServerContext*, const v1::ConcordanceRequest* request,
                           v1::ConcordanceResponse* response) override {
    if (request->query().empty()) return ToGrpcStatus(absl::InvalidArgumentError("empty query"));
    if (absl::Status s = CheckUtf8Field(request->query(), "query"); !s.ok()) return ToGrpcStatus(s);
    if (absl::Status s = CheckLanguage(request->source_language(), "source_language"); !s.ok()) {
      return ToGrpcStatus(s);
    }
    if (absl::Status s = CheckLanguage(request->target_language(), "target_language"); !s.ok()) {
      return ToGrpcStatus(s);
    }
    absl::StatusOr<tm::Scope> scope = ScopeOf(request->scope());
    if (!scope.ok()) return ToGrpcStatus(scope.status());
    size_t offset = 0;
    if (!request->page_token().empty() && !absl::SimpleAtoi(request->page_token(), &offset)) {
      return ToGrpcStatus(absl::InvalidArgumentError("bad page token"));
    }
    const size_t page = request->page_size() > 0 ? std::min(request->page_size(), 1000) : 50;
    tm::ConcordanceRequest r;
    r.text = request->query();
    r.source_lang = request->source_language();
    r.target_lang = request->target_language();
    r.scopes = {*scope};
    r.limit = offset + page + 1;
    absl::StatusOr<std::vector<tm::TranslationUnit>> units = memory_->Concordance(r);
    if (!units.ok()) return ToGrpcStatus(units.status());
    for (size_t i = offset; i < units->size() && i < offset + page; ++i) {
      *response->add_units() = ToProto((*units)[i]);
    }
    if (units->size() > offset + page) response->set_next_page_token(std::to_string(offset + page));
    return grpc::Status::OK;
  }

  grpc::Status ImportTerms(grpc::ServerContext*, grpc::ServerReader<v1::ImportTermsRequest>* reader,
                           v1::ImportTermsResponse* response) override {
    v1::ImportTermsRequest request;
    if (!reader->Read(&request) || !request.has_options()) {
      return ToGrpcStatus(absl::InvalidArgumentError("the first message must hold the options"));
    }
    absl::StatusOr<tm::Scope> scope = ScopeOf(request.options().scope());
    if (!scope.ok()) return ToGrpcStatus(scope.status());
    if (scope->kind != tm::Scope::Kind::kShared) {
      return ToGrpcStatus(absl::UnimplementedError(
          "termbases are shared reference data; case and client termbases are not built yet"));
    }
    absl::StatusOr<std::string> data = ReadUpload(reader, &request);
    if (!data.ok()) return ToGrpcStatus(data.status());
    std::istringstream in(*std::move(data));
    absl::StatusOr<tm::TbxImportReport> report = tm::ImportTbx(in, "upload", *memory_);
    if (!report.ok()) return ToGrpcStatus(report.status());
    response->set_imported(static_cast<int64_t>(report->entries_added));
    return grpc::Status::OK;
  }

 private:
  absl::Status DoLookup(const v1::LookupRequest& request, v1::LookupResponse* response) {
    if (request.segments_size() == 0) return absl::InvalidArgumentError("empty batch");
    if (request.segments_size() > kMaxBatch) {
      return absl::InvalidArgumentError(absl::StrCat("batch over ", kMaxBatch, " segments"));
    }
    if (absl::Status s = CheckLanguage(request.source_language(), "source_language"); !s.ok()) {
      return s;
    }
    if (absl::Status s = CheckLanguage(request.target_language(), "target_language"); !s.ok()) {
      return s;
    }
    absl::StatusOr<tm::Scope> scope = ScopeOf(request.scope());
    if (!scope.ok()) return scope.status();
    for (int i = 0; i < request.segments_size(); ++i) {
      if (absl::Status s = CheckUtf8Field(request.segments(i), absl::StrCat("segment ", i + 1));
          !s.ok()) {
        return s;
      }
    }
    for (const std::string& segment : request.segments()) {
      tm::LookupRequest r;
      r.source_lang = request.source_language();
      r.target_lang = request.target_language();
      r.query = tm::Segment(segment);
      r.scopes = {*scope};
      r.min_score = request.min_score() > 0 ? std::min(request.min_score(), 100) : 70;
      r.max_results = request.max_matches() > 0 ? std::min(request.max_matches(), 100) : 5;
      absl::StatusOr<std::vector<tm::Match>> matches = memory_->Lookup(r);
      if (!matches.ok()) return matches.status();
      v1::LookupResponse::Result* result = response->add_results();
      for (const tm::Match& m : *matches) {
        v1::Match* out = result->add_matches();
        *out->mutable_unit() = ToProto(m.unit);
        out->set_score(m.score);
        out->set_suggestion(m.suggestion.text);
      }
      absl::StatusOr<std::vector<tm::TermHit>> hits =
          memory_->FindTerms(segment, r.source_lang, r.target_lang);
      if (!hits.ok()) return hits.status();
      for (const tm::TermHit& h : *hits) {
        for (const tm::Term& t : h.targets) {
          v1::TermHit* out = result->add_terms();
          out->set_source_term(h.source.text);
          out->set_target_term(t.text);
          out->set_start(CodePoints(segment, h.begin));
          out->set_end(CodePoints(segment, h.end));
        }
      }
    }
    return absl::OkStatus();
  }

  template <typename Request>
  absl::StatusOr<std::string> ReadUpload(grpc::ServerReader<Request>* reader, Request* request) {
    std::string data;
    while (reader->Read(request)) {
      if (!request->has_chunk()) {
        return absl::InvalidArgumentError("only the first message may hold options");
      }
      if (static_cast<int64_t>(data.size() + request->chunk().data().size()) >
          options_.max_upload_bytes) {
        return absl::InvalidArgumentError("the upload is larger than the server accepts");
      }
      data += request->chunk().data();
    }
    return data;
  }

  std::unique_ptr<redact::TmScrubber> scrubber_;  // outlives memory_, which points to it
  std::unique_ptr<tm::TranslationMemory> memory_;
  ServiceOptions options_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<grpc::Service>> NewTranslationMemoryService(
    const ServiceOptions& options) {
  auto scrubber = std::make_unique<redact::TmScrubber>();
  tm::TranslationMemory::Options tm_options;
  tm_options.scrubber = scrubber.get();
  const std::string path =
      options.home.empty() ? std::string(":memory:")
                           : (std::filesystem::path(options.home) / "tm.sqlite").string();
  absl::StatusOr<std::unique_ptr<tm::TranslationMemory>> memory =
      tm::TranslationMemory::OpenSqlite(path, tm_options);
  if (!memory.ok()) return memory.status();
  return std::make_unique<TranslationMemoryServiceImpl>(std::move(scrubber), *std::move(memory),
                                                        options);
}

}  // namespace bayyina::services
