// Entry point: only maps the command's result to an exit code.
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"

int main(int argc, char** argv) {
  // A closed pipe must surface as a failed write (handled as "the reader is done"), not kill us.
  std::signal(SIGPIPE, SIG_IGN);
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return static_cast<int>(thidua::run_cli(args, std::cin, std::cout, std::cerr));
}
