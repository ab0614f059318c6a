// TranslationMemoryService over a real in-process gRPC server: streamed TMX and TBX upload,
// batch lookup with term hits, adding (scrubbed by the real redaction analyzer), updating,
// concordance paging, streamed export and the documented errors.

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "bayyina/v1/translation_memory.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/translation_memory_service.h"

namespace bayyina::services {
namespace {

using ::testing::HasSubstr;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class TmServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_ = std::filesystem::temp_directory_path() /
            ("bayyina-tm-service-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(home_);
    ServiceOptions options;
    options.home = home_.string();
    auto service = NewTranslationMemoryService(options);
    ASSERT_TRUE(service.ok()) << service.status();
    service_ = *std::move(service);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    stub_ = v1::TranslationMemoryService::NewStub(server_->InProcessChannel({}));
    const char* src = std::getenv("BAYYINA_SOURCE_DIR");
    seed_ = std::filesystem::path(src != nullptr ? src : ".") / "tm" / "seed";
  }
  void TearDown() override {
    server_->Shutdown();
    std::filesystem::remove_all(home_);
  }

  template <typename Request, typename Options>
  void Upload(grpc::ClientWriter<Request>* writer, const Options& options,
              const std::string& data) {
    Request first;
    *first.mutable_options() = options;
    ASSERT_TRUE(writer->Write(first));
    for (size_t i = 0; i < data.size(); i += 1000) {
      Request chunk;
      chunk.mutable_chunk()->set_data(data.substr(i, 1000));
      ASSERT_TRUE(writer->Write(chunk));
    }
    writer->WritesDone();
  }

  std::filesystem::path home_, seed_;
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::TranslationMemoryService::Stub> stub_;
};

TEST_F(TmServiceTest, EveryRpcDoesItsJob) {
  {
    grpc::ClientContext ctx;
    v1::ImportTmxResponse response;
    auto writer = stub_->ImportTmx(&ctx, &response);
    v1::ImportTmxOptions options;
    options.set_origin("seed");
    Upload(writer.get(), options, ReadFile(seed_ / "iraqi-legal.tmx"));
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(response.imported(), 36);
  }
  {
    grpc::ClientContext ctx;
    v1::ImportTermsResponse response;
    auto writer = stub_->ImportTerms(&ctx, &response);
    Upload(writer.get(), v1::ImportTermsOptions(), ReadFile(seed_ / "iraqi-legal-terms.tbx"));
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(response.imported(), 25);
  }
  {
    grpc::ClientContext ctx;
    v1::LookupRequest request;
    request.add_segments("اعترف المتهم بما نسب إليه أمام قاضي التحقيق");
    request.add_segments("كلام لا صلة له بالموضوع");
    request.set_source_language("ar");
    request.set_target_language("en");
    v1::LookupResponse response;
    ASSERT_TRUE(stub_->Lookup(&ctx, request, &response).ok());
    ASSERT_EQ(response.results_size(), 2);
    ASSERT_GE(response.results(0).matches_size(), 1);
    EXPECT_EQ(response.results(0).matches(0).score(), 100);
    EXPECT_THAT(response.results(0).matches(0).suggestion(), HasSubstr("The accused confessed"));
    EXPECT_EQ(response.results(0).matches(0).unit().origin(), "seed");
    bool judge = false;
    for (const auto& t : response.results(0).terms()) {
      if (t.target_term() == "investigating judge") {
        judge = true;
        EXPECT_EQ(t.start(), 31);  // code points before "قاضي"
        EXPECT_EQ(t.end(), 43);
      }
    }
    EXPECT_TRUE(judge);
    EXPECT_EQ(response.results(1).matches_size(), 0);
  }
  std::string id;
  {
    grpc::ClientContext ctx;
    v1::AddUnitsRequest request;
    v1::TranslationUnit* u = request.add_units();
    u->set_source_language("ar");
    u->set_target_language("en");
    u->set_source("أرسل الطلب إلى ahmed.k@example.iq اليوم");
    u->set_target("Send the request to ahmed.k@example.iq today");
    v1::AddUnitsResponse response;
    ASSERT_TRUE(stub_->AddUnits(&ctx, request, &response).ok());
    ASSERT_EQ(response.ids_size(), 1);
    id = response.ids(0);
  }
  {
    grpc::ClientContext ctx;
    v1::ConcordanceRequest request;
    request.set_query("الطلب");
    request.set_source_language("ar");
    request.set_target_language("en");
    v1::ConcordanceResponse response;
    ASSERT_TRUE(stub_->Concordance(&ctx, request, &response).ok());
    ASSERT_EQ(response.units_size(), 1);
    // The shared memory holds the placeholder, never the address.
    EXPECT_THAT(response.units(0).source(), HasSubstr("[EMAIL_ADDRESS_1]"));
    EXPECT_THAT(response.units(0).target(), ::testing::Not(HasSubstr("example.iq")));
  }
  {
    grpc::ClientContext ctx;
    v1::UpdateUnitRequest request;
    request.set_id(id);
    request.set_target("Send the request today");
    v1::UpdateUnitResponse response;
    ASSERT_TRUE(stub_->UpdateUnit(&ctx, request, &response).ok());
    EXPECT_EQ(response.unit().target(), "Send the request today");
  }
  {
    grpc::ClientContext ctx;
    v1::ConcordanceRequest request;
    request.set_query("المتهم");
    request.set_source_language("ar");
    request.set_target_language("en");
    request.set_page_size(4);
    v1::ConcordanceResponse first;
    ASSERT_TRUE(stub_->Concordance(&ctx, request, &first).ok());
    EXPECT_EQ(first.units_size(), 4);
    ASSERT_FALSE(first.next_page_token().empty());
    grpc::ClientContext ctx2;
    request.set_page_token(first.next_page_token());
    v1::ConcordanceResponse second;
    ASSERT_TRUE(stub_->Concordance(&ctx2, request, &second).ok());
    ASSERT_GE(second.units_size(), 1);
    EXPECT_NE(second.units(0).id(), first.units(0).id());
  }
  {
    grpc::ClientContext ctx;
    v1::ExportTmxRequest request;
    request.set_source_language("ckb");
    auto reader = stub_->ExportTmx(&ctx, request);
    std::string tmx;
    v1::FileChunk chunk;
    while (reader->Read(&chunk)) tmx += chunk.data();
    ASSERT_TRUE(reader->Finish().ok());
    size_t units = 0;
    for (size_t p = tmx.find("<tu "); p != std::string::npos; p = tmx.find("<tu ", p + 1)) ++units;
    EXPECT_EQ(units, 12u);
    EXPECT_THAT(tmx, HasSubstr("</tmx>"));
  }
}

TEST_F(TmServiceTest, DocumentedErrors) {
  v1::LookupRequest empty;
  empty.set_source_language("ar");
  empty.set_target_language("en");
  v1::LookupResponse response;
  grpc::ClientContext c1;
  EXPECT_EQ(stub_->Lookup(&c1, empty, &response).error_code(), grpc::INVALID_ARGUMENT);
  v1::LookupRequest big = empty;
  for (int i = 0; i < 1001; ++i) big.add_segments("نص");
  grpc::ClientContext c2;
  EXPECT_EQ(stub_->Lookup(&c2, big, &response).error_code(), grpc::INVALID_ARGUMENT);
  v1::LookupRequest bad_lang;
  bad_lang.add_segments("نص");
  bad_lang.set_source_language("arabic please");
  bad_lang.set_target_language("en");
  grpc::ClientContext c3;
  EXPECT_EQ(stub_->Lookup(&c3, bad_lang, &response).error_code(), grpc::INVALID_ARGUMENT);
  v1::UpdateUnitRequest update;
  update.set_id("999999");
  update.set_target("x");
  v1::UpdateUnitResponse updated;
  grpc::ClientContext c4;
  EXPECT_EQ(stub_->UpdateUnit(&c4, update, &updated).error_code(), grpc::NOT_FOUND);

  grpc::ClientContext c5;
  v1::ImportTmxResponse imported;
  auto writer = stub_->ImportTmx(&c5, &imported);
  Upload(writer.get(), v1::ImportTmxOptions(),
         std::string("<?xml version=\"1.0\"?><!DOCTYPE tmx [<!ENTITY e SYSTEM "
                     "\"file:///etc/passwd\">]><tmx version=\"1.4\"><body/></tmx>"));
  const grpc::Status s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
  EXPECT_THAT(s.error_message(), HasSubstr("DOCTYPE"));
}

TEST_F(TmServiceTest, InvalidUtf8IsInvalidArgumentNamingTheField) {
  // A lone continuation byte, a truncated sequence and an encoded surrogate.
  const std::string bad[] = {"\x80 \xd9\x86\xd8\xb5", "\xd9", "\xed\xa0\x80"};
  for (const std::string& text : bad) {
    v1::LookupRequest lookup;
    lookup.add_segments("\xd9\x86\xd8\xb5");
    lookup.add_segments(text);
    lookup.set_source_language("ar");
    lookup.set_target_language("en");
    v1::LookupResponse found;
    grpc::ClientContext c1;
    grpc::Status s = stub_->Lookup(&c1, lookup, &found);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("segment 2"));
    EXPECT_THAT(s.error_message(), HasSubstr("invalid UTF-8 at byte offset"));

    v1::AddUnitsRequest add;
    v1::TranslationUnit* unit = add.add_units();
    unit->set_source_language("ar");
    unit->set_target_language("en");
    unit->set_source("\xd9\x86\xd8\xb5");
    unit->set_target(text);
    v1::AddUnitsResponse added;
    grpc::ClientContext c2;
    s = stub_->AddUnits(&c2, add, &added);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("unit 1 target"));

    v1::ConcordanceRequest concordance;
    concordance.set_query(text);
    concordance.set_source_language("ar");
    concordance.set_target_language("en");
    v1::ConcordanceResponse units;
    grpc::ClientContext c3;
    s = stub_->Concordance(&c3, concordance, &units);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("query"));

    v1::UpdateUnitRequest update;
    update.set_id("1");
    update.set_target(text);
    v1::UpdateUnitResponse updated;
    grpc::ClientContext c4;
    s = stub_->UpdateUnit(&c4, update, &updated);
    EXPECT_EQ(s.error_code(), grpc::INVALID_ARGUMENT);
    EXPECT_THAT(s.error_message(), HasSubstr("target"));
  }
  // Nothing was stored, and the service still answers.
  v1::ConcordanceRequest all;
  all.set_query("\xd9\x86\xd8\xb5");
  all.set_source_language("ar");
  all.set_target_language("en");
  v1::ConcordanceResponse units;
  grpc::ClientContext c5;
  ASSERT_TRUE(stub_->Concordance(&c5, all, &units).ok());
  EXPECT_EQ(units.units_size(), 0);
}

}  // namespace
}  // namespace bayyina::services
