#include "batch/Shard.h"

#include <charconv>
#include <string>

#include "Error.h"

namespace restage::batch {

std::uint64_t fnv1a64(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

Shard::Shard(unsigned index, unsigned count) : index_(index), count_(count) {
  if (count == 0) throw UsageError("--shard: N must be at least 1");
  if (index < 1 || index > count) {
    throw UsageError("--shard: K must be between 1 and N (got " + std::to_string(index) + "/" +
                     std::to_string(count) + ")");
  }
}

namespace {

unsigned parseNumber(std::string_view digits, std::string_view whole) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
    throw UsageError("--shard: expected K/N with whole numbers, e.g. 2/8 (got '" + std::string(whole) + "')");
  }
  return value;
}

}  // namespace

Shard Shard::parse(std::string_view text) {
  auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    throw UsageError("--shard: expected K/N, e.g. 2/8 (got '" + std::string(text) + "')");
  }
  return Shard(parseNumber(text.substr(0, slash), text), parseNumber(text.substr(slash + 1), text));
}

bool Shard::contains(std::string_view key) const {
  if (count_ == 1) return true;
  return fnv1a64(key) % count_ == index_ - 1;
}

}  // namespace restage::batch
