#pragma once
// `--shard K/N`: a stable slice of a batch. A file belongs to shard K when
// FNV-1a-64 of its path relative to the batch root (forward slashes) is
// K-1 modulo N, so every file is in exactly one of the N shards, and the
// split does not depend on the machine, the job count or the other files.
#include <cstdint>
#include <string_view>

namespace restage::batch {

std::uint64_t fnv1a64(std::string_view bytes);

class Shard {
 public:
  // The whole batch (1/1).
  Shard() = default;
  // Throws restage::UsageError unless 1 <= index <= count.
  Shard(unsigned index, unsigned count);
  // Parses "K/N"; throws restage::UsageError with the reason on bad input.
  static Shard parse(std::string_view text);

  unsigned index() const { return index_; }  // 1-based
  unsigned count() const { return count_; }
  bool all() const { return count_ == 1; }
  // `key` is the path relative to the batch root, with forward slashes.
  bool contains(std::string_view key) const;

 private:
  unsigned index_ = 1;
  unsigned count_ = 1;
};

}  // namespace restage::batch
