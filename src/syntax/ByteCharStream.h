#pragma once
// An ANTLR character stream that presents each byte of the input as one code
// point (0-255). Offsets are byte offsets, and no input, however malformed its
// UTF-8, can make the stream fail.
#include <string>
#include <string_view>

#include "antlr4-runtime.h"

namespace restage::syntax {

class ByteCharStream : public antlr4::CharStream {
 public:
  ByteCharStream() = default;
  void load(std::string_view data, std::string sourceName);

  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return pos_; }
  void seek(size_t index) override { pos_ = index > data_.size() ? data_.size() : index; }
  size_t size() override { return data_.size(); }
  std::string getSourceName() const override { return name_; }
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string toString() const override { return std::string(data_); }

 private:
  std::string_view data_;
  std::string name_;
  size_t pos_ = 0;
};

}  // namespace restage::syntax
