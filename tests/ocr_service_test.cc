// OcrService on a real gRPC server on a loopback port, with real Tesseract engines: a two-page
// TIFF generated at test time is streamed up in chunks; progress, pages (in order) and the
// rendered output stream back. Bad uploads get the documented codes with messages that name
// the problem, and the server keeps serving afterwards.

#include <grpcpp/grpcpp.h>
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "bayyina/v1/ocr.grpc.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ocr/test_render.h"
#include "services/ocr_service.h"

namespace bayyina::services {
namespace {

using ::testing::HasSubstr;

constexpr int64_t kUploadLimit = 4 << 20;

// Page 1 is Arabic with a Latin token inside the line, page 2 is English.
std::string TwoPageTiff() {
  ocr::PixPtr arabic = ocr::testing::RenderLines(
      {"المحكمة الجنائية المركزية", "رقم الجواز A12345678 صادر في بغداد"}, "Noto Naskh Arabic 16");
  ocr::PixPtr english = ocr::testing::RenderLines(
      {"Central Criminal Court", "The hearing is adjourned until Monday."}, "DejaVu Serif 14");
  PIXA* pixa = pixaCreate(2);
  pixaAddPix(pixa, arabic.release(), L_INSERT);
  pixaAddPix(pixa, english.release(), L_INSERT);
  l_uint8* data = nullptr;
  size_t size = 0;
  EXPECT_EQ(pixaWriteMemMultipageTiff(&data, &size, pixa), 0);
  pixaDestroy(&pixa);
  std::string out(reinterpret_cast<char*>(data), size);
  lept_free(data);
  return out;
}

struct Reply {
  grpc::Status status;
  std::vector<v1::Progress> progress;
  std::vector<v1::Page> pages;
  std::string output;
};

class OcrServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServiceOptions options;
    options.home = (std::filesystem::temp_directory_path() /
                    ("bayyina-ocr-service-test-" + std::to_string(::getpid())))
                       .string();
    options.max_upload_bytes = kUploadLimit;
    auto service = NewOcrService(options);
    ASSERT_TRUE(service.ok()) << service.status();
    service_ = std::move(*service).release();
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart().release();
    ASSERT_NE(server_, nullptr);
    ASSERT_GT(port, 0);
    stub_ = v1::OcrService::NewStub(grpc::CreateChannel(
                                        "127.0.0.1:" + std::to_string(port),
                                        grpc::InsecureChannelCredentials()))
                .release();
  }
  static void TearDownTestSuite() {
    delete stub_;
    server_->Shutdown();
    delete server_;
    delete service_;
  }

  // Sends `first` (when set), then `bytes` in chunks of `chunk` bytes, and collects the replies.
  static Reply Call(const v1::RecognizeRequest* first, const std::string& bytes,
                    size_t chunk = 64 << 10) {
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(3));
    auto stream = stub_->Recognize(&ctx);
    if (first != nullptr) stream->Write(*first);
    for (size_t i = 0; i < bytes.size(); i += chunk) {
      v1::RecognizeRequest request;
      request.mutable_chunk()->set_data(bytes.substr(i, chunk));
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
    Reply reply;
    v1::RecognizeResponse response;
    while (stream->Read(&response)) {
      if (response.has_progress()) reply.progress.push_back(response.progress());
      if (response.has_page()) reply.pages.push_back(response.page());
      if (response.has_output()) reply.output += response.output().data();
    }
    reply.status = stream->Finish();
    return reply;
  }

  static v1::RecognizeRequest Options(const std::string& language, v1::OcrFormat format,
                                      int64_t declared_size = 0) {
    v1::RecognizeRequest request;
    request.mutable_options()->set_language(language);
    request.mutable_options()->set_format(format);
    request.mutable_options()->mutable_upload()->set_size(declared_size);
    return request;
  }

  static grpc::Service* service_;
  static grpc::Server* server_;
  static v1::OcrService::Stub* stub_;
};

grpc::Service* OcrServiceTest::service_ = nullptr;
grpc::Server* OcrServiceTest::server_ = nullptr;
v1::OcrService::Stub* OcrServiceTest::stub_ = nullptr;

TEST_F(OcrServiceTest, StreamsProgressPagesInOrderAndTheOutput) {
  const std::string tiff = TwoPageTiff();
  const v1::RecognizeRequest options =
      Options("auto", v1::TEXT, static_cast<int64_t>(tiff.size()));
  Reply reply = Call(&options, tiff, 16 << 10);
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_message();

  ASSERT_EQ(reply.progress.size(), 2u);
  for (const v1::Progress& p : reply.progress) {
    EXPECT_EQ(p.stage(), "ocr");
    EXPECT_EQ(p.total(), 2);
  }
  EXPECT_EQ(reply.progress.back().done(), 2);

  ASSERT_EQ(reply.pages.size(), 2u);
  EXPECT_EQ(reply.pages[0].number(), 1);
  EXPECT_EQ(reply.pages[1].number(), 2);
  EXPECT_EQ(reply.pages[0].language(), "ar");
  EXPECT_EQ(reply.pages[1].language(), "en");
  // Logical order on the Arabic page: the first word read is the rightmost one.
  const std::string& arabic = reply.pages[0].text();
  ASSERT_NE(arabic.find("المحكمة"), std::string::npos);
  ASSERT_NE(arabic.find("المركزية"), std::string::npos);
  EXPECT_LT(arabic.find("المحكمة"), arabic.find("المركزية"));
  EXPECT_THAT(arabic, HasSubstr("A12345678"));
  int words = 0;
  for (const v1::Block& block : reply.pages[0].blocks()) {
    for (const v1::Line& line : block.lines()) {
      for (const v1::Word& word : line.words()) {
        ++words;
        EXPECT_GT(word.box().width(), 0);
        EXPECT_GT(word.box().height(), 0);
        EXPECT_LE(word.box().x() + word.box().width(), reply.pages[0].width());
        EXPECT_GE(word.confidence(), 0);
        EXPECT_LE(word.confidence(), 100);
      }
    }
  }
  EXPECT_GE(words, 8);

  // The rendered text holds both pages, separated by a form feed, in page order.
  const size_t form_feed = reply.output.find('\f');
  ASSERT_NE(form_feed, std::string::npos);
  EXPECT_LT(reply.output.find("المحكمة"), form_feed);
  EXPECT_GT(reply.output.find("Criminal"), form_feed);
}

TEST_F(OcrServiceTest, RendersTheRequestedFormat) {
  const std::string tiff = TwoPageTiff();
  const v1::RecognizeRequest pdf = Options("auto", v1::PDF);
  Reply reply = Call(&pdf, tiff);
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_message();
  EXPECT_EQ(reply.output.substr(0, 5), "%PDF-");

  const v1::RecognizeRequest alto = Options("en", v1::ALTO);
  reply = Call(&alto, tiff);
  ASSERT_TRUE(reply.status.ok()) << reply.status.error_message();
  EXPECT_THAT(reply.output, HasSubstr("<alto"));
  EXPECT_THAT(reply.output, HasSubstr("CONTENT=\"Criminal\""));
}

TEST_F(OcrServiceTest, BadUploadsGetClearErrorsAndTheServerKeepsServing) {
  const std::string tiff = TwoPageTiff();
  struct Case {
    const char* what;
    bool send_options;
    v1::RecognizeRequest options;
    std::string bytes;
    grpc::StatusCode code;
    const char* message;
  };
  v1::RecognizeRequest wrong_digest = Options("ar", v1::TEXT);
  wrong_digest.mutable_options()->mutable_upload()->set_sha256(std::string(64, '0'));
  const std::vector<Case> cases = {
      {"no options", false, {}, tiff, grpc::StatusCode::INVALID_ARGUMENT, "options"},
      {"unknown language", true, Options("fr", v1::TEXT), tiff,
       grpc::StatusCode::INVALID_ARGUMENT, "language"},
      {"unknown bytes", true, Options("ar", v1::TEXT), std::string(5000, 'x'),
       grpc::StatusCode::INVALID_ARGUMENT, "format"},
      {"truncated", true, Options("ar", v1::TEXT), tiff.substr(0, tiff.size() / 3),
       grpc::StatusCode::INVALID_ARGUMENT, ""},
      {"size mismatch", true, Options("ar", v1::TEXT, static_cast<int64_t>(tiff.size()) + 1),
       tiff, grpc::StatusCode::INVALID_ARGUMENT, "declared"},
      {"digest mismatch", true, wrong_digest, tiff, grpc::StatusCode::INVALID_ARGUMENT,
       "SHA-256"},
      {"declared too large", true, Options("ar", v1::TEXT, kUploadLimit + 1), tiff,
       grpc::StatusCode::RESOURCE_EXHAUSTED, "limit"},
      {"too large", true, Options("ar", v1::TEXT), std::string(kUploadLimit + 1, '\0'),
       grpc::StatusCode::RESOURCE_EXHAUSTED, "limit"},
  };
  for (const Case& c : cases) {
    Reply reply = Call(c.send_options ? &c.options : nullptr, c.bytes, 1 << 20);
    EXPECT_EQ(reply.status.error_code(), c.code) << c.what << ": " << reply.status.error_message();
    EXPECT_THAT(reply.status.error_message(), HasSubstr(c.message)) << c.what;
    EXPECT_TRUE(reply.pages.empty()) << c.what;
    EXPECT_TRUE(reply.output.empty()) << c.what;
  }

  grpc::ClientContext ctx;
  v1::ListLanguagesResponse languages;
  ASSERT_TRUE(stub_->ListLanguages(&ctx, {}, &languages).ok());
  EXPECT_EQ(languages.languages_size(), 4);
  const v1::RecognizeRequest options = Options("en", v1::TEXT);
  Reply good = Call(&options, tiff);
  EXPECT_TRUE(good.status.ok()) << good.status.error_message();
  EXPECT_EQ(good.pages.size(), 2u);
}

}  // namespace
}  // namespace bayyina::services
