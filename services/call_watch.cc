#include "services/call_watch.h"

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/server_context.h>

#include "absl/time/clock.h"
#include "services/log.h"

namespace bayyina::services {
namespace {

using grpc::experimental::InterceptionHookPoints;

// Cancels registered calls whose time is up. One thread for all calls.
class Watchdog {
 public:
  Watchdog() : thread_([this] { Run(); }) {}
  ~Watchdog() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

  void Add(grpc::ServerContextBase* ctx, absl::Time deadline) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_[ctx] = deadline;
    cv_.notify_all();
  }

  // After Remove returns the watchdog never touches `ctx` again.
  void Remove(grpc::ServerContextBase* ctx) {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.erase(ctx);
  }

 private:
  void Run() {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      absl::Time next = absl::InfiniteFuture();
      const absl::Time now = absl::Now();
      for (auto it = calls_.begin(); it != calls_.end();) {
        if (it->second <= now) {
          it->first->TryCancel();
          Log(LogLevel::kWarning, "rpc.time_limit_exceeded");
          it = calls_.erase(it);
        } else {
          next = std::min(next, it->second);
          ++it;
        }
      }
      if (next == absl::InfiniteFuture()) {
        cv_.wait(lock);
      } else {
        cv_.wait_for(lock, absl::ToChronoNanoseconds(next - absl::Now()));
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::map<grpc::ServerContextBase*, absl::Time> calls_;
  std::thread thread_;
};

class CallWatch : public grpc::experimental::Interceptor {
 public:
  CallWatch(grpc::experimental::ServerRpcInfo* info, Watchdog* watchdog, absl::Duration limit)
      : info_(info), watchdog_(watchdog), limit_(limit), start_(absl::Now()) {}
  // A cancelled call may end without PRE_SEND_STATUS; the interceptor dies with the call.
  ~CallWatch() override { watchdog_->Remove(info_->server_context()); }

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      watchdog_->Add(info_->server_context(), start_ + limit_);
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      watchdog_->Remove(info_->server_context());
      const grpc::Status status = methods->GetSendStatus();
      Log(status.ok() ? LogLevel::kInfo : LogLevel::kWarning, "rpc",
          {{"method", absl::string_view(info_->method())},
           {"code", static_cast<long long>(status.error_code())},
           {"ms", absl::ToDoubleMilliseconds(absl::Now() - start_)}});
    }
    methods->Proceed();
  }

 private:
  grpc::experimental::ServerRpcInfo* info_;
  Watchdog* watchdog_;
  absl::Duration limit_;
  absl::Time start_;
};

class CallWatchFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit CallWatchFactory(absl::Duration limit) : limit_(limit) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new CallWatch(info, &watchdog_, limit_);
  }

 private:
  absl::Duration limit_;
  Watchdog watchdog_;
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewCallWatchFactory(
    absl::Duration max_rpc_duration) {
  return std::make_unique<CallWatchFactory>(max_rpc_duration);
}

}  // namespace bayyina::services
