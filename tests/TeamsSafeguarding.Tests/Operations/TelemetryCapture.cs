using System.Collections;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using TeamsSafeguarding.Operations.Telemetry;

namespace TeamsSafeguarding.Tests.Operations;

/// <summary>
/// What the bot's telemetry pipeline exports: every finished span, through the real OpenTelemetry setup (an in-memory
/// exporter added to it), and every measurement of the bot's own meter (a MeterListener). Spans come from every
/// source the setup listens to (the bot's, ASP.NET Core, HttpClient).
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly LockedList<Activity> _spans = new();
    private readonly LockedList<Measurement> _measurements = new();
    private readonly MeterListener _listener = new();

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    public TelemetryCapture()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Record(i, value, tags));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Record(i, value, tags));
        _listener.Start();
    }

    /// <summary>Adds the in-memory exporter to the host's tracer provider (pass to BotUnderTest's configureServices).</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));

    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    /// <summary>Every measurement so far, the observable gauges read now.</summary>
    public IReadOnlyList<Measurement> Measurements()
    {
        _listener.RecordObservableInstruments();
        return _measurements.Snapshot();
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct =>
        _measurements.Add(new Measurement(instrument.Name, Convert.ToDouble(value), tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));

    public void Dispose() => _listener.Dispose();

    /// <summary>The exporter and the listener add from other threads while a test reads.</summary>
    private sealed class LockedList<T> : ICollection<T>
    {
        private readonly List<T> _items = [];

        public IReadOnlyList<T> Snapshot()
        {
            lock (_items) return [.. _items];
        }

        public void Add(T item)
        {
            lock (_items) _items.Add(item);
        }

        public void Clear()
        {
            lock (_items) _items.Clear();
        }

        public bool Contains(T item)
        {
            lock (_items) return _items.Contains(item);
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (_items) _items.CopyTo(array, arrayIndex);
        }

        public bool Remove(T item)
        {
            lock (_items) return _items.Remove(item);
        }

        public int Count
        {
            get { lock (_items) return _items.Count; }
        }

        public bool IsReadOnly => false;
        public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();
        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
