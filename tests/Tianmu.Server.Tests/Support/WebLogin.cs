using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tianmu.Server.Tests.Support;

/// <summary>Signs in through the real login form (antiforgery token included) and keeps the cookie.</summary>
public static partial class WebLogin
{
    public static async Task<HttpClient> CookieClientAsync(this TianmuApp app, string userName, string password = Demo.DemoData.Password)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostAsync("/login", await LoginFormAsync(client, userName, password));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"login of {userName} answered {(int)response.StatusCode}");
        return client;
    }

    public static async Task<FormUrlEncodedContent> LoginFormAsync(HttpClient client, string userName, string password)
    {
        var page = await client.GetStringAsync("/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
