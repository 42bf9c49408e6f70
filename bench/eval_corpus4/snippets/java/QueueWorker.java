package jobs;

import java.util.concurrent.BlockingQueue;

public class QueueWorker implements Runnable {
    private final BlockingQueue<Job> queue;

    public QueueWorker(BlockingQueue<Job> queue) {
        this.queue = queue;
    }

    @Override
    public void run() {
        while (true) {
            try {
                Job job = queue.take();
                job.execute();
            } catch (Exception e) {
            }
        }
    }
}
