#include <cstdint>
#include <iostream>
#include <string>

int main() {
  std::uint32_t crc = 0xFFFFFFFFu;
  for (std::string line; std::getline(std::cin, line);) {
    for (unsigned char c : line) {
      crc ^= c;
      for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
  }
  std::cout << std::hex << (crc ^ 0xFFFFFFFFu) << '\n';
}
