/* The second program of the folder: its main is not a root. */
int main(void) {
    return 0;
}
