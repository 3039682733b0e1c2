# The bot as a container image: built with the .NET 10 SDK, run on the ASP.NET Core runtime as a non-root user.
#   infra/docker/build.sh [tag]      (or: docker build -t safeguarding-bot .)
# Listens on 8080. Configure it with environment variables as in README "Configuration" (e.g. Storage__TableEndpoint,
# Bot__MicrosoftAppId, AZURE_CLIENT_ID); it holds no settings of its own beyond bot/appsettings.json.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is reused while the code changes. global.json is
# left out on purpose: the image brings its own SDK feature band.
COPY Directory.Build.props Directory.Packages.props ./
COPY bot/TeamsSafeguarding.Bot.csproj bot/
COPY cards/TeamsSafeguarding.Cards.csproj cards/
RUN dotnet restore bot/TeamsSafeguarding.Bot.csproj
COPY bot/ bot/
COPY cards/ cards/
RUN dotnet publish bot/TeamsSafeguarding.Bot.csproj -c Release --no-restore -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    DOTNET_NOLOGO=1
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654).
USER $APP_UID
# Liveness only: a storage outage should take the instance out of rotation (readiness), not restart it.
# The runtime image has no curl, so the check is a raw HTTP request from bash.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "TeamsSafeguarding.Bot.dll"]
