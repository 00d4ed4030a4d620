namespace EventAgents.Application.Common.Paging;

public static class PageLimits
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
