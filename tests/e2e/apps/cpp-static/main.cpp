// Statically linked (-static): needs nothing from the runtime image, not even
// a C library. Prints primes and a few facts about its own environment.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    int limit = argc > 1 ? std::atoi(argv[1]) : 50;
    if (limit < 2) {
        std::fprintf(stderr, "limit must be >= 2\n");
        return 2;
    }
    std::vector<bool> composite(limit + 1, false);
    std::string primes;
    int count = 0;
    for (int i = 2; i <= limit; ++i) {
        if (composite[i]) continue;
        ++count;
        primes += (primes.empty() ? "" : ",") + std::to_string(i);
        for (long j = (long)i * i; j <= limit; j += i) composite[j] = true;
    }
    std::printf("primes<=%d count=%d: %s\n", limit, count, primes.c_str());
    const char *mode = std::getenv("SIEVE_MODE");
    std::printf("mode=%s\n", mode ? mode : "default");
    return 0;
}
