// Compresses and restores a generated buffer with zlib (linked dynamically
// from Debian's libz), reporting sizes and checksums.
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    int repeat = argc > 1 ? std::stoi(argv[1]) : 200;
    std::string text;
    for (int i = 0; i < repeat; ++i)
        text += "line " + std::to_string(i % 17) + ": the quick brown fox jumps over the lazy dog\n";

    uLongf packed_len = compressBound(text.size());
    std::vector<Bytef> packed(packed_len);
    if (compress2(packed.data(), &packed_len, reinterpret_cast<const Bytef *>(text.data()),
                  text.size(), 9) != Z_OK) {
        std::fprintf(stderr, "compress failed\n");
        return 1;
    }
    std::vector<Bytef> restored(text.size());
    uLongf restored_len = restored.size();
    if (uncompress(restored.data(), &restored_len, packed.data(), packed_len) != Z_OK ||
        restored_len != text.size() || std::memcmp(restored.data(), text.data(), text.size()) != 0) {
        std::fprintf(stderr, "round trip failed\n");
        return 2;
    }
    uLong crc = crc32(0L, reinterpret_cast<const Bytef *>(text.data()), text.size());
    std::printf("zlib-major=%c original=%zu packed=%lu crc32=%08lx roundtrip=ok\n",
                zlibVersion()[0], text.size(), static_cast<unsigned long>(packed_len), crc);
    return 0;
}
