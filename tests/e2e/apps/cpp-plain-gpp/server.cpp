// Minimal HTTP/1.0 server on POSIX sockets, built with a plain g++ command.
// GET /fib?n=N answers the N-th Fibonacci number; anything else is 404.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

static unsigned long long fib(unsigned n) {
    unsigned long long a = 0, b = 1;
    for (unsigned i = 0; i < n; ++i) { unsigned long long t = a + b; a = b; b = t; }
    return a;
}

static void reply(int fd, int code, const std::string &body) {
    std::string head = "HTTP/1.0 " + std::to_string(code) + (code == 200 ? " OK" : " Not Found") +
                       "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                       "\r\nConnection: close\r\n\r\n";
    std::string all = head + body;
    ssize_t off = 0;
    while (off < (ssize_t)all.size()) {
        ssize_t w = write(fd, all.data() + off, all.size() - off);
        if (w <= 0) break;
        off += w;
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? std::atoi(argv[1]) : 8081;
    std::signal(SIGPIPE, SIG_IGN);
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(srv, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(port);
    if (bind(srv, (sockaddr *)&addr, sizeof addr) != 0 || listen(srv, 16) != 0) {
        std::perror("bind/listen");
        return 1;
    }
    std::printf("listening on %d\n", port);
    std::fflush(stdout);
    for (;;) {
        int fd = accept(srv, nullptr, nullptr);
        if (fd < 0) continue;
        char buf[2048];
        ssize_t n = read(fd, buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = '\0';
        unsigned k = 0;
        if (std::sscanf(buf, "GET /fib?n=%u ", &k) == 1 && k <= 93)
            reply(fd, 200, "fib(" + std::to_string(k) + ")=" + std::to_string(fib(k)) + "\n");
        else
            reply(fd, 404, "not found\n");
        close(fd);
    }
}
