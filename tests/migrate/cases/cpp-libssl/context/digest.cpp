#include <openssl/evp.h>

#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(argv[i], std::strlen(argv[i]), md, &len, EVP_sha256(), nullptr);
    for (unsigned int j = 0; j < len; ++j) std::printf("%02x", md[j]);
    std::printf("  %s\n", argv[i]);
  }
}
