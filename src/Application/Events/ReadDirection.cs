namespace EventAgents.Application.Events;

public enum ReadDirection
{
    Forward,
    Backward,
}
