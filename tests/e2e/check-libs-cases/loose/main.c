void greet(const char *who);
int main(void) { greet("check-libs"); return 0; }
