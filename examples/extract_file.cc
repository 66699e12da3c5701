// Extracts the article named on the command line with the thidua library and prints its record as one
// line of JSON: what `thidua extract FILE` prints, from a program of your own.
#include <thidua/thidua.h>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " FILE\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << argv[1] << ": cannot be read\n";
    return 1;
  }
  std::stringstream bytes;
  bytes << in.rdbuf();

  thidua::Engine engine;  // the built-in rules
  if (!engine.ok()) {
    for (const auto& e : engine.errors()) std::cerr << e.describe() << '\n';
    return 2;
  }
  thidua::Result<thidua::Record> record = engine.extract(bytes.str(), argv[1]);
  if (!record.ok()) {
    std::cerr << record.error().describe() << '\n';
    return 1;
  }
  std::cout << thidua::to_json(record.value()) << '\n';
  return 0;
}
