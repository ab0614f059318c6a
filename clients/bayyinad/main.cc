// bayyinad: the gRPC server; `bayyinad [FLAGS]` is `bayyina serve [FLAGS]`.
#include <string>
#include <vector>

#include "clients/cli/command.h"

int main(int argc, char** argv) {
  std::vector<std::string> words = {argv[0], "serve"};
  words.insert(words.end(), argv + 1, argv + argc);
  std::vector<char*> pointers;
  for (std::string& w : words) pointers.push_back(w.data());
  pointers.push_back(nullptr);
  return bayyina::cli::RunCli(static_cast<int>(pointers.size()) - 1, pointers.data());
}
