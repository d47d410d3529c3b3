// expect-no-findings
/*
 * freertos_critical_fixed.c - two FreeRTOS tasks share a ring-buffer
 * counter; each touches it only between taskENTER_CRITICAL() and
 * taskEXIT_CRITICAL(). A third task snapshots statistics with the
 * scheduler suspended (vTaskSuspendAll / xTaskResumeAll), which also keeps
 * every other task off the processor.
 *
 * The declarations below are those of FreeRTOS.h/task.h, reduced: the
 * critical-section macros expand, as on most ports, to the port's
 * vPortEnterCritical()/vPortExitCritical() - the call the analysis sees.
 * Every access to queued and dropped is inside an atomic section. No
 * finding.
 */
#include <stddef.h>

typedef long BaseType_t;
typedef unsigned long UBaseType_t;
typedef void *TaskHandle_t;
typedef void (*TaskFunction_t)(void *);

BaseType_t xTaskCreate(TaskFunction_t pxTaskCode, const char *pcName, unsigned short usStackDepth,
                       void *pvParameters, UBaseType_t uxPriority, TaskHandle_t *pxCreatedTask);
void vTaskStartScheduler(void);
void vTaskDelay(unsigned long ticks);
void vTaskSuspendAll(void);
BaseType_t xTaskResumeAll(void);
void vPortEnterCritical(void);
void vPortExitCritical(void);
#define portENTER_CRITICAL() vPortEnterCritical()
#define portEXIT_CRITICAL() vPortExitCritical()
#define taskENTER_CRITICAL() portENTER_CRITICAL()
#define taskEXIT_CRITICAL() portEXIT_CRITICAL()

static unsigned queued;
static unsigned dropped;
static unsigned stats[2];

static void producer(void *pv)
{
    (void)pv;
    for (;;) {
        taskENTER_CRITICAL();
        if (queued < 16)
            queued++;
        else
            dropped++;
        taskEXIT_CRITICAL();
        vTaskDelay(1);
    }
}

static void consumer(void *pv)
{
    (void)pv;
    for (;;) {
        taskENTER_CRITICAL();
        if (queued > 0)
            queued--;
        taskEXIT_CRITICAL();
        vTaskDelay(2);
    }
}

static void reporter(void *pv)
{
    (void)pv;
    for (;;) {
        vTaskSuspendAll();
        stats[0] = queued;
        stats[1] = dropped;
        (void)xTaskResumeAll();
        vTaskDelay(100);
    }
}

int main(void)
{
    xTaskCreate(producer, "prod", 128, NULL, 2, NULL);
    xTaskCreate(consumer, "cons", 128, NULL, 2, NULL);
    xTaskCreate(reporter, "stat", 128, NULL, 1, NULL);
    vTaskStartScheduler();
    return 0;
}
