// Runs a fuzz target without libFuzzer (any compiler): every file of the given corpus
// directories, then a fixed number of pseudo-random inputs from a fixed seed, so CTest
// exercises each target on every build. With clang, -DMXRAY_FUZZ=ON builds real fuzzers.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::size_t runs = 0;
  for (int i = 1; i < argc; ++i) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream in(entry.path(), std::ios::binary);
      const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++runs;
    }
  }
  std::mt19937 rng(20261122);
  static constexpr char kAlphabet[] = "0123456789 -\r\n.abcXYZ*@:/[]\x00\xff\xc3\xbc";
  const std::string alphabet(kAlphabet, sizeof kAlphabet - 1);  // keeps the NUL
  for (int i = 0; i < 20000; ++i) {
    std::vector<std::uint8_t> input(rng() % 300);
    const bool text_like = i % 2 == 0;
    for (auto& b : input) {
      b = text_like ? static_cast<std::uint8_t>(alphabet[rng() % alphabet.size()]) : static_cast<std::uint8_t>(rng());
    }
    LLVMFuzzerTestOneInput(input.data(), input.size());
    ++runs;
  }
  std::cout << runs << " inputs, no crash\n";
  return 0;
}
