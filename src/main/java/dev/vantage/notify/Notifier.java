package dev.vantage.notify;

import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/** Sends each notification to every configured channel, each on its own retries. */
public final class Notifier {

    private final List<Channel> channels;
    private final Delivery delivery;

    public Notifier(List<Channel> channels, Delivery delivery) {
        this.channels = List.copyOf(channels);
        this.delivery = delivery;
    }

    /** Completes, never failing, once every channel took the notification or was given up on. */
    public Future<Void> publish(Notification n) {
        List<Future<Boolean>> all = new ArrayList<>();
        for (Channel c : channels) {
            all.add(delivery.deliver(c, n));
        }
        return Future.join(all).mapEmpty();
    }

    public boolean hasChannels() {
        return !channels.isEmpty();
    }
}
