package io.vigil.web;

import java.util.List;

import io.vigil.security.CurrentUser;
import io.vigil.security.VigilUser;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Hands a controller method the signed-in person: a {@link VigilUser} parameter is the
 * person fully signed in (password and, for staff, second factor), never something bound
 * from the request. Without one (a route that lets anonymous requests through), the
 * request goes to sign-in.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserArgument implements WebMvcConfigurer, HandlerMethodArgumentResolver {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == VigilUser.class;
	}

	@Override
	public VigilUser resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest request, WebDataBinderFactory binders) {
		return CurrentUser.get().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Not signed in"));
	}

}
