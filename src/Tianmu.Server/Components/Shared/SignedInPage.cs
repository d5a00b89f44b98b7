using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Tianmu.Server.Auth;

namespace Tianmu.Server.Components.Shared;

/// <summary>Base for pages behind [Authorize]: resolves the signed-in user before the page loads its data.</summary>
public abstract class SignedInPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected CurrentUser Me { get; private set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Me = CurrentUser.From((await AuthenticationState).User)
            ?? throw new InvalidOperationException("Page reached without a signed-in user.");
        await LoadAsync();
    }

    protected abstract Task LoadAsync();
}
