/*
 * av_many_writes_racy.c - the value read is copied into 70 per-worker
 * statistics slots before the counter is written back: the write-back is
 * the 71st write fed by the read. The rule keeps every write-back of a read
 * (no cap): with the first 64 only, the lost update on `served` was missed.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_long served;
static _Thread_local long seen[70];

static void *worker(void *arg) {
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        long v = atomic_load(&served); // expect: atomicity-violation 'served'
        seen[0] = v + 0;
        seen[1] = v + 1;
        seen[2] = v + 2;
        seen[3] = v + 3;
        seen[4] = v + 4;
        seen[5] = v + 5;
        seen[6] = v + 6;
        seen[7] = v + 7;
        seen[8] = v + 8;
        seen[9] = v + 9;
        seen[10] = v + 10;
        seen[11] = v + 11;
        seen[12] = v + 12;
        seen[13] = v + 13;
        seen[14] = v + 14;
        seen[15] = v + 15;
        seen[16] = v + 16;
        seen[17] = v + 17;
        seen[18] = v + 18;
        seen[19] = v + 19;
        seen[20] = v + 20;
        seen[21] = v + 21;
        seen[22] = v + 22;
        seen[23] = v + 23;
        seen[24] = v + 24;
        seen[25] = v + 25;
        seen[26] = v + 26;
        seen[27] = v + 27;
        seen[28] = v + 28;
        seen[29] = v + 29;
        seen[30] = v + 30;
        seen[31] = v + 31;
        seen[32] = v + 32;
        seen[33] = v + 33;
        seen[34] = v + 34;
        seen[35] = v + 35;
        seen[36] = v + 36;
        seen[37] = v + 37;
        seen[38] = v + 38;
        seen[39] = v + 39;
        seen[40] = v + 40;
        seen[41] = v + 41;
        seen[42] = v + 42;
        seen[43] = v + 43;
        seen[44] = v + 44;
        seen[45] = v + 45;
        seen[46] = v + 46;
        seen[47] = v + 47;
        seen[48] = v + 48;
        seen[49] = v + 49;
        seen[50] = v + 50;
        seen[51] = v + 51;
        seen[52] = v + 52;
        seen[53] = v + 53;
        seen[54] = v + 54;
        seen[55] = v + 55;
        seen[56] = v + 56;
        seen[57] = v + 57;
        seen[58] = v + 58;
        seen[59] = v + 59;
        seen[60] = v + 60;
        seen[61] = v + 61;
        seen[62] = v + 62;
        seen[63] = v + 63;
        seen[64] = v + 64;
        seen[65] = v + 65;
        seen[66] = v + 66;
        seen[67] = v + 67;
        seen[68] = v + 68;
        seen[69] = v + 69;
        atomic_store(&served, v + 1);
    }
    return NULL;
}

int main(void) {
    pthread_t t[4];
    for (int i = 0; i < 4; i++) pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
    printf("%ld\n", atomic_load(&served));
    return 0;
}
